//! Benchmark, not a test of speed (it asserts nothing about time and is
//! `#[ignore]`d; `scripts/bench-page.sh` runs it): how long until the first
//! rows of the Members page show, in headless Chromium on a link throttled
//! to 10 Mbit/s with 40 ms latency, for an org of 300 and of 100,000
//! members, with a cold cache (a fresh browser) and a warm one (the same
//! browser loading the page again). Prints a table for docs/benchmarks.md.

use std::time::{Duration, Instant};

use e2e::{Browser, Server};
use fantoccini::Client;

use crate::steps::wait_css;

/// Chromium's network throttling, through chromedriver's own endpoint.
#[derive(Debug)]
struct Throttle;

impl fantoccini::wd::WebDriverCompatibleCommand for Throttle {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({"network_conditions": {
            "offline": false, "latency": 40,
            "download_throughput": 1_250_000, "upload_throughput": 1_250_000
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Signs in without loading the page (so its files stay uncached): from a
/// JSON URL of the origin, a `fetch` to the login endpoint sets the cookie.
async fn sign_in_quietly(c: &Client, server: &Server) {
    c.goto(&format!("{}/api/v1/health", server.url))
        .await
        .expect("open the origin");
    c.execute_async(
        "const done = arguments[arguments.length - 1];
         fetch('/api/v1/auth/login', {method: 'POST', headers: {'content-type': 'application/json'},
           body: JSON.stringify({email: 'owner@demo.roster.test', password: 'roster-demo'})})
           .then(r => done(r.status));",
        vec![],
    )
    .await
    .expect("sign in");
}

/// From navigation to the first member row on screen.
async fn first_rows(c: &Client, url: &str) -> Duration {
    let start = Instant::now();
    c.goto(url).await.expect("open the page");
    wait_css(c, "tr[data-user]").await;
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: scripts/bench-page.sh"]
async fn first_rows_on_a_throttled_link() {
    const RUNS: usize = 3;
    println!("| members | cache | first rows (median of {RUNS}) |");
    println!("|---:|---|---:|");
    for members in ["300", "100000"] {
        let server =
            Server::start_with(&["--demo", "--demo-members", members]).expect("server starts");
        let (mut cold, mut warm) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let b = Browser::start().await.expect("browser");
            b.client.issue_cmd(Throttle).await.expect("throttle");
            sign_in_quietly(&b.client, &server).await;
            cold.push(first_rows(&b.client, &server.url).await);
            warm.push(first_rows(&b.client, &server.url).await);
            b.close().await;
        }
        for (cache, times) in [("cold", cold), ("warm", warm)] {
            println!("| {members} | {cache} | {} ms |", median(times).as_millis());
        }
    }
}
