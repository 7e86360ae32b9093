# A small ML estate: training and prod VPCs, peered; an internet-facing serving load balancer.

resource "aws_vpc" "training" {
  cidr_block = "10.10.0.0/16"
  tags       = { Name = "training" }
}

resource "aws_vpc" "prod" {
  cidr_block = "10.20.0.0/16"
  tags       = { Name = "prod" }
}

resource "aws_vpc_peering_connection" "training_prod" {
  vpc_id      = aws_vpc.training.id
  peer_vpc_id = aws_vpc.prod.id
  auto_accept = true
}

resource "aws_subnet" "gpu" {
  vpc_id     = aws_vpc.training.id
  cidr_block = "10.10.1.0/24"
  tags       = { Name = "training-gpu" }
}

resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.prod.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_subnet" "edge" {
  vpc_id     = aws_vpc.prod.id
  cidr_block = "10.20.0.0/24"
}

resource "aws_internet_gateway" "prod" {
  vpc_id = aws_vpc.prod.id
}

resource "aws_route_table" "training" {
  vpc_id = aws_vpc.training.id
  route {
    cidr_block                = "10.20.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.training_prod.id
  }
}

resource "aws_route_table_association" "gpu" {
  subnet_id      = aws_subnet.gpu.id
  route_table_id = aws_route_table.training.id
}

resource "aws_route_table" "prod" {
  vpc_id = aws_vpc.prod.id
}

resource "aws_route" "prod_to_training" {
  route_table_id            = aws_route_table.prod.id
  destination_cidr_block    = "10.10.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.training_prod.id
}

resource "aws_route" "prod_default" {
  route_table_id         = aws_route_table.prod.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.prod.id
}

resource "aws_main_route_table_association" "prod" {
  vpc_id         = aws_vpc.prod.id
  route_table_id = aws_route_table.prod.id
}

resource "aws_network_acl" "app" {
  vpc_id     = aws_vpc.prod.id
  subnet_ids = [aws_subnet.app.id]

  ingress {
    rule_no    = 100
    action     = "deny"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    rule_no    = 200
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
}

resource "aws_security_group" "trainer" {
  name   = "trainer"
  vpc_id = aws_vpc.training.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "api" {
  name   = "api"
  vpc_id = aws_vpc.prod.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.10.0.0/16"]
  }
}

resource "aws_security_group" "lb" {
  name   = "lb"
  vpc_id = aws_vpc.prod.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "trainer" {
  ami                    = "ami-12345678"
  instance_type          = "p4d.24xlarge"
  subnet_id              = aws_subnet.gpu.id
  vpc_security_group_ids = [aws_security_group.trainer.id]
  tags                   = { Name = "llm-trainer" }
}

resource "aws_instance" "api" {
  ami                    = "ami-12345678"
  instance_type          = "m5.large"
  subnet_id              = aws_subnet.app.id
  vpc_security_group_ids = [aws_security_group.api.id]
  tags                   = { Name = "prod-api" }
}

resource "aws_lb" "serving" {
  name               = "serving"
  load_balancer_type = "application"
  internal           = false
  subnets            = [aws_subnet.edge.id]
  security_groups    = [aws_security_group.lb.id]
  tags               = { zone = "serving" }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.serving.arn
  port              = 443
  protocol          = "HTTPS"
}
