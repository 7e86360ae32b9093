# A small fine-tuning and inference stack for an LLM, with a few deliberate mistakes for
# `tightrope audit examples/ai-stack` to find. Each mistake is marked MISTAKE.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name = "${var.project}-${var.environment}"
  tags = { Project = var.project, Environment = var.environment, DataClass = "restricted" }
}

resource "aws_kms_key" "ml" {
  description         = "${local.name} training data and model artefacts"
  enable_key_rotation = true
  tags                = local.tags
}

# Training data: private, encrypted with the project key, versioned.
resource "aws_s3_bucket" "training_data" {
  bucket = "${local.name}-training-data"
  tags   = local.tags
}

resource "aws_s3_bucket_public_access_block" "training_data" {
  bucket                  = aws_s3_bucket.training_data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training_data" {
  bucket = aws_s3_bucket.training_data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "training_data" {
  bucket = aws_s3_bucket.training_data.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Model artefacts. MISTAKE: no public access block, no encryption configuration, no versioning.
resource "aws_s3_bucket" "model_artifacts" {
  bucket = "${local.name}-model-artifacts"
  tags   = local.tags
}

# The execution role shared by notebooks, training and endpoints.
resource "aws_iam_role" "sagemaker_execution" {
  name = "${local.name}-sagemaker-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "sagemaker.amazonaws.com" }
    }]
  })
  tags = local.tags
}

# MISTAKE: a "temporary" wildcard grant from the pilot that was never narrowed.
resource "aws_iam_role_policy" "sagemaker_execution" {
  name = "pilot-full-access"
  role = aws_iam_role.sagemaker_execution.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

# MISTAKE: direct internet access and root access are left at their defaults (both enabled).
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "${local.name}-research"
  role_arn      = aws_iam_role.sagemaker_execution.arn
  instance_type = var.notebook_instance_type
  kms_key_id    = aws_kms_key.ml.arn
  tags          = local.tags
}

resource "aws_sagemaker_model" "llm" {
  name                     = "${local.name}-llm"
  execution_role_arn       = aws_iam_role.sagemaker_execution.arn
  enable_network_isolation = true
  primary_container {
    image          = var.inference_image
    model_data_url = "s3://${aws_s3_bucket.model_artifacts.bucket}/llm/model.tar.gz"
  }
  tags = local.tags
}

# MISTAKE: endpoint storage volumes are not encrypted with the project key.
resource "aws_sagemaker_endpoint_configuration" "llm" {
  name = "${local.name}-llm"
  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.llm.name
    initial_instance_count = 1
    instance_type          = var.endpoint_instance_type
  }
  tags = local.tags
}

module "feature_store" {
  source      = "./modules/feature-store"
  name        = local.name
  kms_key_arn = aws_kms_key.ml.arn
  tags        = local.tags
}
