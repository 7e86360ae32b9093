# An analyst who may only start SageMaker processing jobs can read the model artifacts anyway:
# the job runs as ml_exec, which reads the artifact bucket.
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "analyst" {
  name = "start-processing"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sagemaker:CreateProcessingJob", "iam:PassRole"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "ml_exec" {
  name = "ml-exec"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "ml_exec" {
  name = "read-artifacts"
  role = aws_iam_role.ml_exec.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::model-artifacts/*"
    }]
  })
}

resource "aws_sagemaker_model" "m" {
  name               = "churn"
  execution_role_arn = aws_iam_role.ml_exec.arn
  primary_container {
    image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1"
    model_data_url = "s3://model-artifacts/churn/model.tar.gz"
  }
}
