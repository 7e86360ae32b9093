resource "aws_s3_bucket" "training" {
  bucket = "acme-training-data"
}

resource "aws_s3_bucket" "website" {
  bucket = "acme-www"
}

resource "aws_kms_key" "notebook" {
  enable_key_rotation = true
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.notebook.arn
}

resource "aws_iam_role" "agent" {
  name = "agent"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
}

resource "aws_db_instance" "embeddings" {
  identifier          = "rag-embeddings"
  engine              = "postgres"
  instance_class      = "db.r6g.large"
  storage_encrypted   = true
  publicly_accessible = true
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

resource "aws_instance" "trainer" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "g5.12xlarge"
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
}
