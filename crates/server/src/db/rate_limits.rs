//! Fixed-window rate limits kept in the database, so every instance agrees.

/// Counts a hit on `bucket` and says whether it is within `max` per
/// `window` seconds.
pub async fn hit(
    db: &super::Db,
    bucket: &str,
    window: i64,
    max: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(add(db, bucket, window, 1, now).await? <= max)
}

/// Adds `n` hits to `bucket` in the current window of `window` seconds
/// and returns the window's total, every instance's hits included.
pub async fn add(
    db: &super::Db,
    bucket: &str,
    window: i64,
    n: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let start = now - now.rem_euclid(window);
    let mut tx = db.begin().await?;
    let (hits,): (i64,) = sqlx::query_as(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, $3)
         ON CONFLICT (bucket) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start = excluded.window_start
                  THEN rate_limits.hits + excluded.hits ELSE excluded.hits END,
           window_start = excluded.window_start
         RETURNING hits",
    )
    .bind(bucket)
    .bind(start)
    .bind(n)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(hits)
}
