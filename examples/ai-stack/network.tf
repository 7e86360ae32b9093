# The experiments VPC: one public subnet routed to an internet gateway.
resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
  tags       = merge(local.tags, { Name = "${local.name}-ml" })
}

resource "aws_internet_gateway" "ml" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_subnet" "experiments" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
  # MISTAKE: every instance launched here gets a public IP.
  map_public_ip_on_launch = true
  tags                    = merge(local.tags, { Name = "${local.name}-experiments", Zone = "dev" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.ml.id
  }
}

resource "aws_route_table_association" "experiments" {
  subnet_id      = aws_subnet.experiments.id
  route_table_id = aws_route_table.public.id
}

# MISTAKE: the GPU box for ad-hoc experiments has Jupyter and SSH open to the world,
# answers IMDSv1 and keeps an unencrypted root volume.
resource "aws_security_group" "gpu_dev" {
  vpc_id      = aws_vpc.ml.id
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
  subnet_id              = aws_subnet.experiments.id
  vpc_security_group_ids = [aws_security_group.gpu_dev.id]

  root_block_device {
    volume_size = 200
  }

  tags = local.tags
}
