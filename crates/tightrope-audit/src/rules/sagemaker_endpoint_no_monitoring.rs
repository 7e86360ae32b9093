use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags SageMaker endpoint configurations when the scanned configuration declares no model
    /// monitoring schedule at all.
    ///
    /// ## Why is this bad
    /// Without Model Monitor nobody is told when the data a model sees drifts from its training
    /// data, when its quality drops, or when inputs look like probing or poisoning attempts: a
    /// degraded or manipulated model keeps serving.
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_sagemaker_endpoint_configuration" "serving" {
    ///   name = "serving"
    ///   production_variants { ... }
    /// }
    /// # no aws_sagemaker_monitoring_schedule anywhere
    /// ```
    ///
    /// ## Remediation
    /// Enable data capture on the endpoint and add an `aws_sagemaker_monitoring_schedule` (data or
    /// model quality) for it.
    pub struct SageMakerEndpointNoMonitoring;
    meta {
        id: "TR-AWS-SAGEMAKER-020",
        title: "SageMaker endpoints are deployed without any model monitoring schedule",
        severity: Low,
        step: Audit,
        provider: "aws",
        service: "sagemaker",
        ai: true,
        remediation: "Declare an `aws_sagemaker_monitoring_schedule` (CloudFormation: `AWS::SageMaker::MonitoringSchedule`) for each endpoint, with data capture enabled on its configuration.",
        references: [
            ("AWS: Data and model quality monitoring with Amazon SageMaker Model Monitor", "https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html"),
            ("NIST AI RMF (MEASURE 2.4, MANAGE 4.1)", "https://www.nist.gov/itl/ai-risk-management-framework"),
            ("MITRE ATLAS AML.T0020: Poison Training Data", "https://atlas.mitre.org/techniques/AML.T0020"),
        ],
        compliance: [(NistAiRmf, "MEASURE 2.4"), (NistAiRmf, "MANAGE 4.1"), (Iso42001, "A.6.2.6"), (MitreAtlas, "AML.T0020")],
    }
    fn check(state, out) {
        let sm = &state.aws.sagemaker;
        // A claim about absence: silent when SageMaker was not fully read (a live scan with a gap),
        // where the rule is reported as not evaluated instead.
        if !sm.monitoring_schedules.is_empty() || state.not_collected.iter().any(|g| g.affects("aws", "sagemaker")) {
            return;
        }
        for ec in &sm.endpoint_configs {
            out.at_resource(&ec.meta, "endpoint configuration is deployed while no model monitoring schedule is declared");
        }
    }
}
