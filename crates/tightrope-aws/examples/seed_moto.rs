//! Seed an emulated AWS account (moto) for the collection benchmark.
//!
//! `cargo run -p tightrope-aws --example seed_moto -- http://127.0.0.1:PORT 250` creates the small
//! AI account of the tests plus 250 each of buckets, roles, security groups and SageMaker notebooks
//! in us-east-1, through the SDK.

#[path = "../tests/common/seed.rs"]
mod seed;

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let (Some(endpoint), Some(count)) = (args.next(), args.next()) else {
        return Err("usage: seed_moto ENDPOINT_URL COUNT".into());
    };
    let count: usize = count.parse().map_err(|_| format!("COUNT must be a number, got `{count}`"))?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        let config = seed::config(&endpoint, "us-east-1").await;
        seed::ai_account(&config).await?;
        seed::bulk(&config, count).await?;
        eprintln!("seeded {endpoint}: the AI account and {count} each of buckets, roles, security groups, notebooks");
        Ok(())
    })
}
