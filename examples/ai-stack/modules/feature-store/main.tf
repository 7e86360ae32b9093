# Vector store for retrieval: an OpenSearch domain inside the VPC.

variable "name" { type = string }
variable "kms_key_arn" { type = string }
variable "tags" { type = map(string) }

resource "aws_opensearch_domain" "vectors" {
  domain_name    = "${var.name}-vectors"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  # MISTAKE: HTTPS is not enforced for clients.
  domain_endpoint_options {
    enforce_https = false
  }

  tags = var.tags
}

output "endpoint" {
  value = aws_opensearch_domain.vectors.endpoint
}
