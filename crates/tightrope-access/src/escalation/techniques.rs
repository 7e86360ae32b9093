//! The known privilege-escalation techniques, as data: what a principal must be allowed to do,
//! and on which target, for an edge to exist. Sources: Rhino Security Labs' 21 IAM methods,
//! BishopFox iam-vulnerable, and the AI-service paths (SageMaker, Bedrock agents).

/// How a technique picks its targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Pass a role that trusts `service` to a new resource created with `create` (all of them).
    PassRoleTo {
        service: &'static str,
        create: &'static [&'static str],
    },
    /// Run code in an existing resource of `service`, which may run as any role trusting it.
    ExistingResource {
        service: &'static str,
        action: &'static str,
    },
    /// Change a managed policy attached to the principal itself.
    OwnManagedPolicy { action: &'static str },
    /// Change the permissions of the principal itself (user or role).
    SelfPrincipal {
        user_action: &'static str,
        role_action: &'static str,
    },
    /// Change the permissions of a group the user is in (any group when membership is unknown).
    OwnGroup { action: &'static str },
    /// Join another group.
    JoinGroup,
    /// Get credentials of another user.
    OtherUser { action: &'static str },
    /// Rewrite another role's trust policy, then assume it.
    RewriteTrust,
    /// Assume another role its trust policy allows.
    AssumeRole,
    /// Attach or put a policy on a role the principal can assume.
    ModifyAssumableRole { action: &'static str },
}

/// One technique.
#[derive(Debug, Clone, Copy)]
pub struct Technique {
    pub id: &'static str,
    pub title: &'static str,
    pub target: Target,
}

use Target::*;

/// Every technique checked.
pub const TECHNIQUES: &[Technique] = &[
    Technique {
        id: "CreateNewPolicyVersion",
        title: "create a new default version of an attached policy",
        target: OwnManagedPolicy {
            action: "iam:CreatePolicyVersion",
        },
    },
    Technique {
        id: "SetExistingDefaultPolicyVersion",
        title: "switch an attached policy to another version",
        target: OwnManagedPolicy {
            action: "iam:SetDefaultPolicyVersion",
        },
    },
    Technique {
        id: "AttachSelfPolicy",
        title: "attach any managed policy to itself",
        target: SelfPrincipal {
            user_action: "iam:AttachUserPolicy",
            role_action: "iam:AttachRolePolicy",
        },
    },
    Technique {
        id: "PutSelfPolicy",
        title: "write an inline policy on itself",
        target: SelfPrincipal {
            user_action: "iam:PutUserPolicy",
            role_action: "iam:PutRolePolicy",
        },
    },
    Technique {
        id: "DeleteSelfBoundary",
        title: "remove its own permissions boundary",
        target: SelfPrincipal {
            user_action: "iam:DeleteUserPermissionsBoundary",
            role_action: "iam:DeleteRolePermissionsBoundary",
        },
    },
    Technique {
        id: "AttachGroupPolicy",
        title: "attach a policy to its group",
        target: OwnGroup {
            action: "iam:AttachGroupPolicy",
        },
    },
    Technique {
        id: "PutGroupPolicy",
        title: "write an inline policy on its group",
        target: OwnGroup {
            action: "iam:PutGroupPolicy",
        },
    },
    Technique {
        id: "AddUserToGroup",
        title: "add itself to a group",
        target: JoinGroup,
    },
    Technique {
        id: "CreateAccessKey",
        title: "create an access key for another user",
        target: OtherUser {
            action: "iam:CreateAccessKey",
        },
    },
    Technique {
        id: "CreateLoginProfile",
        title: "create a console password for another user",
        target: OtherUser {
            action: "iam:CreateLoginProfile",
        },
    },
    Technique {
        id: "UpdateLoginProfile",
        title: "reset another user's console password",
        target: OtherUser {
            action: "iam:UpdateLoginProfile",
        },
    },
    Technique {
        id: "UpdateAssumeRolePolicy",
        title: "rewrite a role's trust policy and assume it",
        target: RewriteTrust,
    },
    Technique {
        id: "AssumeRole",
        title: "assume a role whose trust policy allows it",
        target: AssumeRole,
    },
    Technique {
        id: "AttachAssumableRolePolicy",
        title: "attach a policy to a role it can assume",
        target: ModifyAssumableRole {
            action: "iam:AttachRolePolicy",
        },
    },
    Technique {
        id: "PutAssumableRolePolicy",
        title: "write an inline policy on a role it can assume",
        target: ModifyAssumableRole {
            action: "iam:PutRolePolicy",
        },
    },
    Technique {
        id: "PassRoleToEC2",
        title: "launch an EC2 instance with the role",
        target: PassRoleTo {
            service: "ec2.amazonaws.com",
            create: &["ec2:RunInstances"],
        },
    },
    Technique {
        id: "PassRoleToNewLambdaThenInvoke",
        title: "create a Lambda function with the role and invoke it",
        target: PassRoleTo {
            service: "lambda.amazonaws.com",
            create: &["lambda:CreateFunction", "lambda:InvokeFunction"],
        },
    },
    Technique {
        id: "PassRoleToNewLambdaThenTrigger",
        title: "create a Lambda function with the role and an event source for it",
        target: PassRoleTo {
            service: "lambda.amazonaws.com",
            create: &["lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
        },
    },
    Technique {
        id: "PassRoleToGlueDevEndpoint",
        title: "create a Glue dev endpoint with the role",
        target: PassRoleTo {
            service: "glue.amazonaws.com",
            create: &["glue:CreateDevEndpoint"],
        },
    },
    Technique {
        id: "PassRoleToCloudFormation",
        title: "create a CloudFormation stack with the role",
        target: PassRoleTo {
            service: "cloudformation.amazonaws.com",
            create: &["cloudformation:CreateStack"],
        },
    },
    Technique {
        id: "PassRoleToDataPipeline",
        title: "create and define a Data Pipeline with the role",
        target: PassRoleTo {
            service: "datapipeline.amazonaws.com",
            create: &[
                "datapipeline:CreatePipeline",
                "datapipeline:PutPipelineDefinition",
            ],
        },
    },
    Technique {
        id: "PassRoleToCodeBuild",
        title: "create and start a CodeBuild project with the role",
        target: PassRoleTo {
            service: "codebuild.amazonaws.com",
            create: &["codebuild:CreateProject", "codebuild:StartBuild"],
        },
    },
    Technique {
        id: "PassRoleToSageMakerNotebook",
        title: "create a SageMaker notebook instance with the role",
        target: PassRoleTo {
            service: "sagemaker.amazonaws.com",
            create: &["sagemaker:CreateNotebookInstance"],
        },
    },
    Technique {
        id: "PassRoleToSageMakerTrainingJob",
        title: "run a SageMaker training job with the role",
        target: PassRoleTo {
            service: "sagemaker.amazonaws.com",
            create: &["sagemaker:CreateTrainingJob"],
        },
    },
    Technique {
        id: "PassRoleToSageMakerProcessingJob",
        title: "run a SageMaker processing job with the role",
        target: PassRoleTo {
            service: "sagemaker.amazonaws.com",
            create: &["sagemaker:CreateProcessingJob"],
        },
    },
    Technique {
        id: "PassRoleToBedrockAgent",
        title: "create a Bedrock agent with the role",
        target: PassRoleTo {
            service: "bedrock.amazonaws.com",
            create: &["bedrock:CreateAgent"],
        },
    },
    Technique {
        id: "PassRoleToECSTask",
        title: "register and run an ECS task with the role",
        target: PassRoleTo {
            service: "ecs-tasks.amazonaws.com",
            create: &["ecs:RegisterTaskDefinition", "ecs:RunTask"],
        },
    },
    Technique {
        id: "EditExistingLambdaFunction",
        title: "replace the code of an existing Lambda function (incl. Bedrock action-group functions) running as the role",
        target: ExistingResource {
            service: "lambda.amazonaws.com",
            action: "lambda:UpdateFunctionCode",
        },
    },
    Technique {
        id: "UpdateExistingGlueDevEndpoint",
        title: "add an SSH key to an existing Glue dev endpoint running as the role",
        target: ExistingResource {
            service: "glue.amazonaws.com",
            action: "glue:UpdateDevEndpoint",
        },
    },
    Technique {
        id: "CloudFormationUpdateStack",
        title: "update an existing CloudFormation stack running as the role",
        target: ExistingResource {
            service: "cloudformation.amazonaws.com",
            action: "cloudformation:UpdateStack",
        },
    },
    Technique {
        id: "SSMSendCommand",
        title: "run commands on an EC2 instance running as the role",
        target: ExistingResource {
            service: "ec2.amazonaws.com",
            action: "ssm:SendCommand",
        },
    },
    Technique {
        id: "SSMStartSession",
        title: "open a shell on an EC2 instance running as the role",
        target: ExistingResource {
            service: "ec2.amazonaws.com",
            action: "ssm:StartSession",
        },
    },
    Technique {
        id: "EC2InstanceConnect",
        title: "push an SSH key to an EC2 instance running as the role",
        target: ExistingResource {
            service: "ec2.amazonaws.com",
            action: "ec2-instance-connect:SendSSHPublicKey",
        },
    },
    Technique {
        id: "SageMakerPresignedNotebookURL",
        title: "open an existing SageMaker notebook running as the role",
        target: ExistingResource {
            service: "sagemaker.amazonaws.com",
            action: "sagemaker:CreatePresignedNotebookInstanceUrl",
        },
    },
    Technique {
        id: "BedrockAgentActionGroup",
        title: "point an existing Bedrock agent's action group at its own code",
        target: ExistingResource {
            service: "bedrock.amazonaws.com",
            action: "bedrock:UpdateAgentActionGroup",
        },
    },
];
