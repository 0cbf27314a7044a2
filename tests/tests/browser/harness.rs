//! What every journey shares: Chromium through ChromeDriver on a free port, the running
//! server, and a [`Journey`]: the browser with axe-core, screenshots, and helpers to find,
//! fill and wait for elements.
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};
pub(crate) use tests::chrome::{start_browser, Driver};
use thirtyfour::prelude::*;

pub(crate) fn site() -> PathBuf {
    let site = tests::workspace_root().join("target/site");
    assert!(
        site.join("index.html").is_file(),
        "THE FRONT END IS NOT BUILT ({}): run `cargo xtask test`, which builds it",
        site.display()
    );
    site
}

/// axe-core's script: copied into the site by debug builds, else from `frontend/node_modules`.
pub(crate) fn axe_source() -> String {
    let candidates =
        [site().join("test/axe.min.js"), tests::workspace_root().join("frontend/node_modules/axe-core/axe.min.js")];
    candidates
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .expect("axe.min.js: build the front end with `cargo xtask build-frontend` (runs npm ci)")
}

pub(crate) const WAIT: Duration = Duration::from_secs(15);
pub(crate) const POLL: Duration = Duration::from_millis(50);

/// A CSS selector for an element id (ids here hold dots and brackets: `child.name`).
/// Another tab of the same person (a Northvale account) saves a record whole through the
/// API: reads `path`, sets `field` of its `part` (the saved form in the view) to the text
/// "Saved in another tab." and puts it back. Answers the save's status.
pub(crate) fn save_in_another_tab(email: &str, path: &str, part: &str, field: &str) -> u16 {
    tokio::task::block_in_place(|| {
        let token = tests::sign_in("northvale", email).0;
        let mut body = tests::Api::shared().get(path, &token).body[part].clone();
        body[field] = serde_json::json!("Saved in another tab.");
        tests::Api::shared().put(path, &token, &body).status
    })
}

pub(crate) fn id(id: &str) -> By {
    By::Css(format!("[id=\"{id}\"]"))
}

/// The browser with what the journey collects: axe violations and pages checked.
pub(crate) struct Journey {
    pub(crate) driver: WebDriver,
    pub(crate) base: String,
    axe: String,
    shots: PathBuf,
    pub(crate) violations: Vec<String>,
    pub(crate) pages_checked: Vec<String>,
}

impl Journey {
    pub(crate) async fn wait(&self, by: By) -> WebDriverResult<WebElement> {
        self.driver.query(by).wait(WAIT, POLL).first().await
    }

    pub(crate) async fn click(&self, element_id: &str) -> WebDriverResult<()> {
        self.wait(id(element_id)).await?.click().await
    }

    /// Types into an empty box (boxes filled already are left as they are).
    pub(crate) async fn fill(&self, element_id: &str, text: &str) -> WebDriverResult<()> {
        let element = self.wait(id(element_id)).await?;
        if element.prop("value").await?.unwrap_or_default().is_empty() {
            element.send_keys(text).await?;
        }
        Ok(())
    }

    pub(crate) async fn fill_date(&self, element_id: &str, day: &str, month: &str, year: &str) -> WebDriverResult<()> {
        self.fill(element_id, day).await?;
        self.fill(&format!("{element_id}-month"), month).await?;
        self.fill(&format!("{element_id}-year"), year).await
    }

    pub(crate) async fn text(&self, element_id: &str) -> WebDriverResult<String> {
        self.wait(id(element_id)).await?.text().await
    }

    /// Waits until the element's text contains `needle`; answers the text.
    pub(crate) async fn wait_text(&self, element_id: &str, needle: &str) -> WebDriverResult<String> {
        let start = Instant::now();
        loop {
            let text = match self.driver.find(id(element_id)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) || start.elapsed() > WAIT {
                return Ok(text);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits (a little) until the element with the keyboard focus has id `expected`; answers
    /// the id of the focused element.
    pub(crate) async fn wait_focus(&self, expected: &str) -> WebDriverResult<String> {
        let start = Instant::now();
        loop {
            let focused = self.driver.active_element().await?.id().await?.unwrap_or_default();
            if focused == expected || start.elapsed() > Duration::from_secs(3) {
                return Ok(focused);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Runs axe-core on the page as it is now; records any violation under `page`.
    pub(crate) async fn axe(&mut self, page: &str) -> WebDriverResult<()> {
        let loaded = self.driver.execute("return typeof window.axe !== 'undefined';", vec![]).await?;
        if loaded.json() != &Value::Bool(true) {
            self.driver.execute(&self.axe, vec![]).await?;
        }
        let result = self
            .driver
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.axe.run(document, { resultTypes: ['violations'] })
                     .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
                     .catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));"#,
                vec![],
            )
            .await?;
        if let Some(list) = result.json().as_array() {
            for v in list {
                self.violations.push(format!("{page}: {v}"));
            }
        }
        self.pages_checked.push(page.to_string());
        Ok(())
    }

    pub(crate) async fn shot(&self, name: &str) -> WebDriverResult<()> {
        self.driver.screenshot(&self.shots.join(format!("{name}.png"))).await
    }

    pub(crate) async fn sign_in(&self, tenant: &str, email: &str, password: &str) -> WebDriverResult<()> {
        self.wait(id("tenant")).await?.send_keys(tenant).await?;
        self.driver.find(id("email")).await?.send_keys(email).await?;
        self.driver.find(id("password")).await?.send_keys(password).await?;
        self.click("sign-in").await
    }

    pub(crate) async fn sign_out(&self) -> WebDriverResult<()> {
        self.click("sign-out").await?;
        self.wait(id("sign-in-notice")).await.map(drop)
    }

    /// Opens `path` inside the app (no reload, which would drop the in-memory session).
    pub(crate) async fn open_in_app(&self, path: &str) -> WebDriverResult<()> {
        self.driver
            .execute(
                "history.pushState(null, '', arguments[0]); window.dispatchEvent(new PopStateEvent('popstate'));",
                vec![Value::String(path.to_string())],
            )
            .await
            .map(drop)
    }

    /// From the task list: opens a section, lets `fill` answer it, checks it with axe, saves.
    pub(crate) async fn section(&mut self, slug: &str) -> WebDriverResult<()> {
        self.click(&format!("task-{slug}")).await?;
        self.wait(id("save-and-continue")).await?;
        Ok(())
    }

    pub(crate) async fn save_section(&mut self, slug: &str) -> WebDriverResult<()> {
        self.axe(&format!("section {slug}")).await?;
        self.click("save-and-continue").await?;
        self.wait(id("sections-completed")).await.map(drop)
    }

    /// The referral id from the address bar (`/referrals/{id}...`).
    pub(crate) async fn referral_id(&self) -> WebDriverResult<String> {
        let url = self.driver.current_url().await?;
        Ok(url.path().split('/').nth(2).unwrap_or_default().to_string())
    }
}

impl Journey {
    /// Replaces what a box holds (select all, then type).
    pub(crate) async fn replace(&self, element_id: &str, text: &str) -> WebDriverResult<()> {
        let element = self.wait(id(element_id)).await?;
        element.send_keys(Key::Control + "a").await?;
        element.send_keys(text).await
    }

    pub(crate) async fn replace_date(&self, element_id: &str, date: chrono::NaiveDate) -> WebDriverResult<()> {
        use chrono::Datelike;
        self.replace(element_id, &date.day().to_string()).await?;
        self.replace(&format!("{element_id}-month"), &date.month().to_string()).await?;
        self.replace(&format!("{element_id}-year"), &date.year().to_string()).await
    }

    /// Waits until `css` matches, then answers its text.
    pub(crate) async fn css_text(&self, css: &str) -> WebDriverResult<String> {
        self.wait(By::Css(css)).await?.text().await
    }

    /// Waits until the element matching `css` holds `needle`; answers its text.
    pub(crate) async fn wait_css_text(&self, css: &str, needle: &str) -> WebDriverResult<String> {
        let start = Instant::now();
        loop {
            let text = match self.driver.find(By::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) || start.elapsed() > WAIT {
                return Ok(text);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the value of the box `element_id` contains `needle`; answers the value.
    pub(crate) async fn wait_value(&self, element_id: &str, needle: &str) -> WebDriverResult<String> {
        let start = Instant::now();
        loop {
            let value = match self.driver.find(id(element_id)).await {
                Ok(e) => e.prop("value").await.unwrap_or_default().unwrap_or_default(),
                Err(_) => String::new(),
            };
            if value.contains(needle) || start.elapsed() > WAIT {
                return Ok(value);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Every message of the browser's log since the last read, as `LEVEL source: text`.
    pub(crate) async fn console_messages(&self) -> WebDriverResult<Vec<String>> {
        Ok(self
            .driver
            .get_log("browser")
            .await?
            .into_iter()
            .map(|e| format!("{} {}: {}", e.level, e.source.unwrap_or_default(), e.message))
            .collect())
    }

    /// Waits until no element has this id (or the wait runs out); answers whether it is gone.
    pub(crate) async fn wait_gone(&self, element_id: &str, within: Duration) -> WebDriverResult<bool> {
        let start = Instant::now();
        loop {
            if self.driver.find_all(id(element_id)).await?.is_empty() {
                return Ok(true);
            }
            if start.elapsed() > within {
                return Ok(false);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub(crate) async fn console_errors(&self) -> WebDriverResult<Vec<String>> {
        Ok(self
            .driver
            .get_log("browser")
            .await?
            .into_iter()
            .filter(|e| e.level == "SEVERE" && e.source.as_deref() != Some("network"))
            .map(|e| e.message)
            .collect())
    }
}

impl Journey {
    /// A journey on the test server in a fresh browser; `_guard` stops ChromeDriver when dropped.
    pub(crate) async fn start() -> (Driver, Journey) {
        let base = tests::server().base.clone();
        Journey::start_on(base).await
    }

    /// A journey on another server (one started with settings of its own), in a fresh browser.
    pub(crate) async fn start_on(base: String) -> (Driver, Journey) {
        let shots = tests::workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&shots).ok();
        let axe = axe_source();
        let (guard, driver) = start_browser().await;
        (guard, Journey { driver, base, axe, shots, violations: Vec::new(), pages_checked: Vec::new() })
    }
}
