//! `/orgs/{org}/api-keys`.

use api::keys::{IssuedKey, KeyView, NewKey, RotateKey};
use gloo_net::http::Request;

use super::{ApiResult, Client, read, read_empty, send, send_json, url};

impl Client {
    /// `GET /orgs/{org}/api-keys`.
    pub async fn api_keys(&self, org: i64) -> ApiResult<Vec<KeyView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/api-keys")))).await?).await
    }

    /// `POST /orgs/{org}/api-keys`: the secret comes back once.
    pub async fn create_api_key(&self, org: i64, body: &NewKey) -> ApiResult<IssuedKey> {
        let path = url(&format!("/orgs/{org}/api-keys"));
        read(send_json(self.with(Request::post(&path)), body).await?).await
    }

    /// `POST …/api-keys/{key}/rotate`: a new secret, once.
    pub async fn rotate_api_key(
        &self,
        org: i64,
        key: i64,
        body: &RotateKey,
    ) -> ApiResult<IssuedKey> {
        let path = url(&format!("/orgs/{org}/api-keys/{key}/rotate"));
        read(send_json(self.with(Request::post(&path)), body).await?).await
    }

    /// `POST …/api-keys/{key}/{op}` for `disable`, `enable`, `take-over`.
    pub async fn change_api_key(&self, org: i64, key: i64, op: &str) -> ApiResult<KeyView> {
        let path = url(&format!("/orgs/{org}/api-keys/{key}/{op}"));
        read(send(self.with(Request::post(&path))).await?).await
    }

    /// `DELETE …/api-keys/{key}`.
    pub async fn revoke_api_key(&self, org: i64, key: i64) -> ApiResult<()> {
        let path = url(&format!("/orgs/{org}/api-keys/{key}"));
        read_empty(send(self.with(Request::delete(&path))).await?).await
    }
}
