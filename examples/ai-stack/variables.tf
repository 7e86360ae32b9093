variable "project" {
  type    = string
  default = "acme-llm"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "notebook_instance_type" {
  type    = string
  default = "ml.t3.medium"
}

variable "endpoint_instance_type" {
  type    = string
  default = "ml.g5.2xlarge"
}

variable "inference_image" {
  type        = string
  description = "Inference container image URI (no default: set per account)"
}

variable "foundation_model" {
  type    = string
  default = "anthropic.claude-3-haiku-20240307-v1:0"
}

variable "gpu_ami" {
  type    = string
  default = "ami-0123456789abcdef0"
}
