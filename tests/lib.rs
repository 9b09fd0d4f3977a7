//! Harness for the end-to-end journeys: starts the real `roster` binary on
//! a free loopback port, serving the release client build, and a headless
//! Chromium through chromedriver.
#![forbid(unsafe_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

/// The workspace root (this crate lives in `<root>/tests`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A running `roster serve`, killed on drop.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
    log: Arc<Mutex<Vec<String>>>,
    data: PathBuf,
    extra: Vec<String>,
}

impl Server {
    /// Starts `$ROSTER_BIN` (default `target/release/roster`) serving
    /// `$ROSTER_DIST` (default `dist/`) on a port the OS picks.
    pub fn start() -> Result<Self, String> {
        Self::start_with(&[])
    }

    /// Starts the server with extra `serve` arguments (`--demo`).
    pub fn start_with(extra: &[&str]) -> Result<Self, String> {
        let data = std::env::temp_dir().join(format!(
            "roster-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
        let extra: Vec<String> = extra.iter().map(|a| (*a).to_string()).collect();
        Self::start_in(data, extra)
    }

    /// `kill -9`, then the same binary again on the same database.
    pub fn kill_and_restart(mut self) -> Result<Self, String> {
        self.child.kill().map_err(|e| e.to_string())?;
        self.child.wait().map_err(|e| e.to_string())?;
        let (data, extra) = (self.data.clone(), self.extra.clone());
        drop(self);
        Self::start_in(data, extra)
    }

    fn start_in(data: PathBuf, extra: Vec<String>) -> Result<Self, String> {
        let root = workspace_root();
        let bin = std::env::var_os("ROSTER_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target/release/roster"));
        let dist = std::env::var_os("ROSTER_DIST")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("dist"));
        if !bin.exists() || !dist.join("index.html").exists() {
            return Err(format!(
                "need {} and {}/index.html: run scripts/test.sh, which builds both",
                bin.display(),
                dist.display()
            ));
        }
        let mut child = Command::new(&bin)
            .args(["serve", "--listen", "127.0.0.1:0", "--dist"])
            .arg(&dist)
            .arg("--database")
            .arg(format!("sqlite://{}/roster.db", data.display()))
            .args(&extra)
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        // The server logs the address it bound; read until we see it.
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let mut seen = Vec::new();
        let url = loop {
            let line = lines
                .next()
                .ok_or("server exited before listening")?
                .map_err(|e| e.to_string())?;
            seen.push(line.clone());
            if let Some(at) = line.find("listening on ") {
                break line[at + "listening on ".len()..].trim().to_string();
            }
        };
        // Keep reading the log (links in mail are printed there) so the
        // server never blocks on a full pipe.
        let log = Arc::new(Mutex::new(seen));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Ok(mut l) = sink.lock() {
                    l.push(line);
                }
            }
        });
        Ok(Self {
            child,
            url,
            log,
            data,
            extra,
        })
    }

    /// The newest link in the log whose path starts with `path` (e.g.
    /// `/invite?token=`) and, if given, that was mailed to `to`.
    pub async fn link(&self, path: &str, to: Option<&str>) -> Result<String, String> {
        let needle = format!("{}{path}", self.url);
        for _ in 0..100 {
            if let Ok(lines) = self.log.lock() {
                let found = lines
                    .iter()
                    .rev()
                    .find(|l| l.contains(&needle) && to.is_none_or(|t| l.contains(t)));
                if let Some(line) = found {
                    let start = line.find(&needle).unwrap_or(0);
                    let link: String = line[start..]
                        .chars()
                        .take_while(|c| !c.is_whitespace() && *c != '"')
                        .collect();
                    return Ok(link);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("no {path} link in the server log"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A chromedriver process and a WebDriver session on headless Chromium.
pub struct Browser {
    driver: Child,
    /// The WebDriver client.
    pub client: Client,
}

impl Browser {
    /// Starts `$CHROMEDRIVER` (default `chromedriver` on `PATH`) and opens
    /// a headless session.
    pub async fn start() -> Result<Self, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {driver_bin} (scripts/test.sh installs it): {e}"))?;
        let mut browser = Self::connect(port).await;
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser.is_err() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(200)).await;
            browser = Self::connect(port).await;
        }
        let client = browser?;
        Ok(Self { driver, client })
    }

    async fn connect(port: u16) -> Result<Client, String> {
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--window-size=1200,900"]
            }
        });
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => return Err("capabilities must be an object".into()),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| e.to_string())
    }

    /// Ends the session and stops chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
