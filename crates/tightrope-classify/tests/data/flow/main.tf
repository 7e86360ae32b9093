# Data-flow policy fixture: one bucket of customer exports, read by a training job definition
# (zone "training") through one role and by a served model (zone "serving") through another.

resource "aws_s3_bucket" "exports" {
  bucket = "acme-customer-exports"
}

resource "aws_iam_role" "train" {
  name               = "acme-train"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "train_reads_exports" {
  role = aws_iam_role.train.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = ["arn:aws:s3:::acme-customer-exports", "arn:aws:s3:::acme-customer-exports/*"] }]
  })
}

resource "aws_iam_role" "serve" {
  name               = "acme-serve"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "serve_reads_all" {
  role = aws_iam_role.serve.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:Get*", Resource = "arn:aws:s3:::acme-*/*" }]
  })
}

resource "aws_sagemaker_data_quality_job_definition" "train" {
  name     = "acme-quality"
  role_arn = aws_iam_role.train.arn
  tags     = { Zone = "training" }
}

resource "aws_sagemaker_model" "chat" {
  name               = "acme-chat"
  execution_role_arn = aws_iam_role.serve.arn
  tags               = { Zone = "serving" }
}
