//! Lambda: functions with role, runtime, environment (kept for the secret rules, never printed
//! unredacted), KMS key, VPC attachment and tracing mode.

use crate::services::Fragment;
use crate::session::{client, Ctx};
use crate::values::{api, attr, link, meta, text, unknown};
use tightrope_core::state::aws::compute::LambdaFunction;
use tightrope_core::Attr;

pub(crate) async fn collect(ctx: &Ctx, f: &mut Fragment) {
    let lambda = client!(aws_sdk_lambda, ctx);
    let Some(list) = pages!(f.gaps, "ListFunctions", lambda.list_functions(), functions) else { return };
    for func in list {
        let arn = func.function_arn().map(str::to_string).unwrap_or_else(|| ctx.arn("lambda", &format!("function:{}", func.function_name().unwrap_or_default())));
        let arn = arn.as_str();
        let environment = func
            .environment()
            .and_then(|e| e.variables())
            .map(|vars| vars.iter().map(|(k, v)| (k.clone(), Attr::explicit(v.clone(), api(arn, &format!("Environment.Variables.{k}"))))).collect())
            .unwrap_or_default();
        f.aws.compute.lambda_functions.push(LambdaFunction {
            meta: meta(arn, "AWS::Lambda::Function", "Functions"),
            name: text(func.function_name(), arn, "FunctionName"),
            role: link(func.role(), arn, "Role"),
            runtime: text(func.runtime().map(|r| r.as_str()), arn, "Runtime"),
            environment,
            kms_key: link(func.kms_key_arn(), arn, "KMSKeyArn"),
            in_vpc: Attr::explicit(func.vpc_config().and_then(|v| v.vpc_id()).is_some_and(|v| !v.is_empty()), api(arn, "VpcConfig.VpcId")),
            tracing_mode: attr(func.tracing_config().and_then(|t| t.mode()).map(|m| m.as_str().to_string()), Some("PassThrough".to_string()), arn, "TracingConfig.Mode"),
            // Reserved concurrency and function URLs need a call per function; not collected.
            reserved_concurrency: unknown(arn, "ReservedConcurrentExecutions"),
            url_auth_type: unknown(arn, "FunctionUrlConfig.AuthType"),
        });
    }
}
