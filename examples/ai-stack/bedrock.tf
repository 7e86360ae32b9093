# Retrieval-augmented assistant on Bedrock.

resource "aws_bedrock_guardrail" "assistant" {
  name                      = "${local.name}-assistant"
  blocked_input_messaging   = "Sorry, I can't help with that."
  blocked_outputs_messaging = "Sorry, I can't help with that."
  kms_key_arn               = aws_kms_key.ml.arn

  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
    filters_config {
      type            = "HATE"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
  }

  sensitive_information_policy_config {
    pii_entities_config {
      type   = "EMAIL"
      action = "ANONYMIZE"
    }
  }
}

# MISTAKE: the agent has no guardrail attached (the guardrail above is never used).
resource "aws_bedrockagent_agent" "assistant" {
  agent_name                  = "${local.name}-assistant"
  agent_resource_role_arn     = aws_iam_role.sagemaker_execution.arn
  foundation_model            = var.foundation_model
  customer_encryption_key_arn = aws_kms_key.ml.arn
  instruction                 = "Answer questions about internal engineering documents, citing sources."
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  logging_config {
    text_data_delivery_enabled = true
    s3_config {
      bucket_name = aws_s3_bucket.training_data.id
      key_prefix  = "bedrock-invocations/"
    }
  }
}
