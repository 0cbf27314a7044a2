//! The browser suite: headless Chromium through ChromeDriver against the real server and
//! the built front end. `cargo xtask test` builds the front end and sets CHROME and CHROMEDRIVER.
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use thirtyfour::prelude::*;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start_browser() -> (Driver, WebDriver) {
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        std::path::Path::new(&chromedriver).exists() && std::path::Path::new(&chrome).exists(),
        "BROWSER SUITE NEEDS chromium AND chromedriver: apt-get install chromium chromium-driver, or run `cargo xtask test`"
    );
    let port = free_port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let guard = Driver(child);
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(&chrome).unwrap();
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1280,900",
    ] {
        caps.add_arg(arg).unwrap();
    }
    let url = format!("http://127.0.0.1:{port}");
    let mut last = None;
    for _ in 0..50 {
        match WebDriver::new(&url, caps.clone()).await {
            Ok(d) => return (guard, d),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not answer: {last:?}");
}

fn site_built() {
    let index = tests::workspace_root().join("target/site/index.html");
    assert!(
        index.is_file(),
        "THE FRONT END IS NOT BUILT ({}): run `cargo xtask test`, which builds it",
        index.display()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_shows_the_persons_name_and_partnership() {
    site_built();
    let base = tests::server().base.clone();
    let (_guard, driver) = start_browser().await;
    let result = async {
        driver.goto(&base).await?;
        driver
            .query(By::Id("tenant"))
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .first()
            .await?
            .send_keys("northvale")
            .await?;
        driver.find(By::Id("email")).await?.send_keys("office@northvale.example").await?;
        driver.find(By::Id("password")).await?.send_keys(tests::DEMO_PASSWORD).await?;
        driver.find(By::Id("sign-in")).await?.click().await?;
        let user = driver
            .query(By::Id("signed-in-user"))
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .first()
            .await?;
        let name = user.text().await?;
        let tenant = driver.find(By::Id("signed-in-tenant")).await?.text().await?;
        let shots = tests::workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&shots).ok();
        driver.screenshot(&shots.join("signed-in.png")).await?;
        Ok::<_, WebDriverError>((name, tenant))
    }
    .await;
    let wrong = async {
        driver.find(By::Id("sign-out")).await?.click().await?;
        driver
            .query(By::Id("password"))
            .wait(Duration::from_secs(10), Duration::from_millis(100))
            .first()
            .await?
            .send_keys("wrong password")
            .await?;
        driver.find(By::Id("tenant")).await?.send_keys("northvale").await?;
        driver.find(By::Id("email")).await?.send_keys("office@northvale.example").await?;
        driver.find(By::Id("sign-in")).await?.click().await?;
        let summary = driver
            .query(By::Id("error-summary"))
            .wait(Duration::from_secs(10), Duration::from_millis(100))
            .first()
            .await?;
        summary.text().await
    }
    .await;
    driver.quit().await.ok();
    let (name, tenant) = result.expect("the sign-in journey");
    assert!(name.contains("Morgan Ellis"), "name shown: {name:?}");
    assert!(tenant.contains("Northvale Safeguarding Children Partnership"), "tenant shown: {tenant:?}");
    let summary = wrong.expect("the failed sign-in");
    assert!(summary.to_lowercase().contains("not right"), "error summary: {summary:?}");
}
