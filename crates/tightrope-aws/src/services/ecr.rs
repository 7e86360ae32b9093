//! ECR: repositories with tag mutability, scan on push, encryption and repository policy.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{api, attr, link, meta, opt, policy, text, unknown};
use tightrope_core::state::aws::containers::EcrRepository;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let ecr = client!(aws_sdk_ecr, ctx);
    let Some(list) = pages!(f.gaps, "DescribeRepositories", ecr.describe_repositories(), repositories) else { return };
    for r in list {
        let name = r.repository_name().unwrap_or_default();
        let arn = r.repository_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("ecr", &format!("repository/{name}")));
        let arn = arn.as_str();
        let repo_policy = match f.gaps.sub(
            "GetRepositoryPolicy",
            ecr.get_repository_policy().repository_name(name).send().await,
            &["RepositoryPolicyNotFoundException"],
        ) {
            Ok(Some(p)) => policy(p.policy_text(), arn, "policyText"),
            Ok(None) => opt(None, arn, "policyText"),
            Err(()) => unknown(arn, "policyText"),
        };
        let enc = r.encryption_configuration();
        f.aws.containers.ecr_repositories.push(EcrRepository {
            meta: meta(arn, "AWS::ECR::Repository", "repositories"),
            name: text(r.repository_name(), arn, "repositoryName"),
            image_tag_mutability: attr(r.image_tag_mutability().map(|m| m.as_str().to_string()), Some("MUTABLE".to_string()), arn, "imageTagMutability"),
            scan_on_push: Attr::explicit(
                r.image_scanning_configuration().is_some_and(|s| s.scan_on_push()),
                api(arn, "imageScanningConfiguration.scanOnPush"),
            ),
            encryption_type: attr(enc.map(|e| e.encryption_type().as_str().to_string()), Some("AES256".to_string()), arn, "encryptionConfiguration.encryptionType"),
            kms_key: link(enc.and_then(|e| e.kms_key()), arn, "encryptionConfiguration.kmsKey"),
            policy: repo_policy,
        });
    }
}
