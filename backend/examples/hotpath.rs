use backend::auth::tokens::JwtKeys;
use backend::authz::Authz;
use shared::Role;
use std::time::Instant;

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let authz = rt.block_on(Authz::load()).unwrap();
    let keys = JwtKeys::new(b"0123456789012345678901234567890123456789");
    let t = keys
        .issue(
            "52addba5-3c02-4dd9-9a2f-b21073974c8a",
            "northvale",
            "4e38e927-9fae-4124-aeae-a080f1e102ff",
            &[Role::BusinessOffice],
        )
        .unwrap();
    let n = 200_000;
    let s = Instant::now();
    for _ in 0..n {
        std::hint::black_box(keys.verify(&t));
    }
    println!("jwt verify {:.2} us", s.elapsed().as_secs_f64() * 1e6 / n as f64);
    let s = Instant::now();
    for _ in 0..n {
        std::hint::black_box(authz.allows(&[Role::BusinessOffice], "northvale", "/api/v1/me", "GET"));
    }
    println!("casbin allows {:.2} us", s.elapsed().as_secs_f64() * 1e6 / n as f64);
    let s = Instant::now();
    for _ in 0..n {
        std::hint::black_box(uuid::Uuid::new_v4().simple().to_string());
    }
    println!("uuid {:.2} us", s.elapsed().as_secs_f64() * 1e6 / n as f64);
}
