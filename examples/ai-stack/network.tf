# MISTAKE: the GPU box for ad-hoc experiments has Jupyter and SSH open to the world,
# answers IMDSv1 and keeps an unencrypted root volume.
resource "aws_security_group" "gpu_dev" {
  name        = "${local.name}-gpu-dev"
  description = "Ad-hoc GPU experiments"

  ingress {
    description = "Jupyter"
    from_port   = 8888
    to_port     = 8888
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "gpu_dev" {
  ami                    = var.gpu_ami
  instance_type          = "g5.xlarge"
  vpc_security_group_ids = [aws_security_group.gpu_dev.id]

  root_block_device {
    volume_size = 200
  }

  tags = local.tags
}
