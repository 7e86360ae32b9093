//! Kubernetes reader and adapter: fixtures for each workload kind and reader feature, and end to
//! end on real manifests (kubernetes-goat, trivy check examples) when ../shared/data is present.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tightrope_core::state::kubernetes::{Container, Workload};
use tightrope_core::{Attr, CloudState, InputError, Provenance};
use tightrope_ingest::RawResource;
use tightrope_ingest::kubernetes::{adapt, read_all};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/k8s").join(name)
}

fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(name);
    dir.is_dir().then_some(dir)
}

fn read_text(name: &str, text: &str) -> (Vec<RawResource>, Vec<InputError>) {
    read_all(&Arc::from(name), text)
}

fn read_path(path: &Path) -> (Vec<RawResource>, Vec<InputError>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_text(&path.display().to_string(), &text)
}

fn adapted(raw: &[RawResource]) -> CloudState {
    let mut state = CloudState::default();
    adapt(&raw.iter().collect::<Vec<_>>(), &mut state);
    state
}

fn workload<'a>(state: &'a CloudState, name: &str) -> &'a Workload {
    state.kubernetes.workloads.iter().find(|w| w.name == name).unwrap_or_else(|| panic!("no workload {name}"))
}

fn container<'a>(w: &'a Workload, name: &str) -> &'a Container {
    w.containers.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no container {name} in {}", w.name))
}

fn lines<T>(a: &Attr<T>) -> Option<(u32, u32)> {
    a.origin.lines()
}

#[test]
fn reads_every_workload_kind() {
    let (raw, errors) = read_path(&fixture("workloads.yaml"));
    assert!(errors.is_empty(), "{errors:?}");
    let addresses: Vec<&str> = raw.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "Pod/ml/pod-a",
            "Deployment/default/deploy-a",
            "StatefulSet/default/sts-a",
            "DaemonSet/kube-system/ds-a",
            "ReplicaSet/default/rs-a",
            "ReplicationController/default/rc-a",
            "Job/default/job-a",
            "CronJob/default/cron-a",
            "Service/default/svc-a",
        ]
    );
    assert_eq!((raw[0].span.start_line, raw[0].span.end_line), (2, 12), "document lines");
    let state = adapted(&raw);
    assert_eq!(state.kubernetes.workloads.len(), 8);
    assert_eq!(state.kubernetes.services.len(), 1, "Services are modelled");
    assert_eq!(state.unmodelled.get("Service"), None);

    let pod = workload(&state, "pod-a");
    assert!(pod.namespace.is(&"ml".to_string()) && pod.namespace.is_explicit());
    assert_eq!(pod.meta.tags.get("team").map(String::as_str), Some("research"));
    assert!(pod.host_network.is(&false) && pod.host_network.provenance == Provenance::Default);
    assert_eq!(lines(&pod.host_network), Some((2, 12)), "a default points at the resource block");
    assert!(pod.service_account_name.is(&"default".to_string()));
    assert!(pod.automount_service_account_token.is(&true));
    assert!(container(pod, "main").image.is(&"busybox:1.36".to_string()));

    assert!(workload(&state, "deploy-a").host_network.is(&true));
    assert_eq!(lines(&workload(&state, "deploy-a").host_network), Some((21, 21)));
    assert!(workload(&state, "deploy-a").namespace.is(&"default".to_string()));
    assert!(workload(&state, "ds-a").host_pid.is(&true));
    assert!(workload(&state, "job-a").host_ipc.is(&true));
    for name in ["sts-a", "rs-a", "rc-a"] {
        assert_eq!(workload(&state, name).containers.len(), 1, "{name}");
    }
    let cron = workload(&state, "cron-a");
    assert!(cron.service_account_name.is(&"batch-runner".to_string()));
    assert!(cron.automount_service_account_token.is(&false) && cron.automount_service_account_token.is_explicit());
    assert!(container(cron, "nightly").image.is(&"nightly:1".to_string()));
}

#[test]
fn security_context_pod_fallback_and_yaml11_booleans() {
    let (raw, errors) = read_path(&fixture("security_context.yaml"));
    assert!(errors.is_empty(), "{errors:?}");
    let state = adapted(&raw);
    let pod = workload(&state, "inference");
    assert!(pod.host_network.is(&true), "`yes` is true in YAML 1.1");
    assert!(pod.host_pid.is(&false) && pod.host_pid.is_explicit(), "quoted \"off\" is false");
    assert!(pod.run_as_non_root.is(&true));

    let roles: Vec<(&str, &str)> = pod.containers.iter().map(|c| (c.name.as_str(), c.role.as_str())).collect();
    assert_eq!(
        roles,
        [("server", "containers"), ("neuron", "containers"), ("fetch-model", "initContainers"), ("debugger", "ephemeralContainers")]
    );

    let init = container(pod, "fetch-model");
    assert!(init.run_as_user.is(&0) && init.run_as_non_root.is(&false), "container settings win");
    assert_eq!(lines(&init.run_as_user), Some((15, 15)));

    let server = container(pod, "server");
    assert!(server.run_as_user.is(&1000) && server.run_as_user.is_explicit(), "pod-level fallback");
    assert_eq!(lines(&server.run_as_user), Some((10, 10)), "origin is the pod-level line");
    assert!(server.run_as_non_root.is(&true));
    assert!(server.privileged.is(&true), "`On` is true in YAML 1.1");
    assert!(server.allow_privilege_escalation.is(&false));
    assert!(server.read_only_root_filesystem.is(&true));
    let caps: Vec<&str> = server.capabilities_add.iter().filter_map(|c| c.get().map(String::as_str)).collect();
    assert_eq!(caps, ["SYS_ADMIN", "NET_RAW"]);
    assert!(server.limits_cpu.is(&"4".to_string()) && server.limits_memory.is(&"16Gi".to_string()));
    assert!(server.limits_gpu.is(&"2".to_string()));
    assert_eq!(lines(&server.limits_gpu), Some((30, 30)));

    let env: Vec<(&str, Option<&str>, bool, Provenance)> =
        server.env.iter().map(|e| (e.name.as_str(), e.value.get().map(String::as_str), e.from_secret, e.value.provenance)).collect();
    assert_eq!(
        env,
        [
            ("HF_TOKEN", None, true, Provenance::Unknown),
            ("OPENAI_API_KEY", Some("sk-test-not-a-real-key-0000"), false, Provenance::Explicit),
            ("EMPTY", Some(""), false, Provenance::Default),
        ]
    );

    let neuron = container(pod, "neuron");
    assert!(neuron.limits_gpu.is(&"8".to_string()), "aws.amazon.com/neuron* counts as an accelerator");
    assert!(neuron.run_as_user.is(&1000));

    let debugger = container(pod, "debugger");
    assert!(debugger.privileged.is(&false) && debugger.privileged.provenance == Provenance::Default);
    assert!(debugger.allow_privilege_escalation.is(&true), "Kubernetes default");
    assert!(debugger.read_only_root_filesystem.is(&false));
    assert!(debugger.limits_gpu.is_absent());

    let volumes: Vec<(&str, Option<&str>)> = pod.volumes.iter().map(|v| (v.name.as_str(), v.host_path.get().map(String::as_str))).collect();
    assert_eq!(volumes, [("docker-sock", Some("/var/run/docker.sock")), ("scratch", None)]);
}

#[test]
fn pod_level_context_alone_applies_to_every_container() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n    - name: a\n    - name: b\n      securityContext: {runAsNonRoot: false}\n";
    let (raw, errors) = read_text("p.yaml", text);
    assert!(errors.is_empty(), "{errors:?}");
    let state = adapted(&raw);
    let pod = workload(&state, "p");
    assert!(container(pod, "a").run_as_non_root.is(&true));
    assert!(container(pod, "b").run_as_non_root.is(&false));
    assert!(container(pod, "a").run_as_user.is_absent(), "runAsUser left to the image");
}

#[test]
fn list_contributes_its_items() {
    let (raw, errors) = read_path(&fixture("list.yaml"));
    assert!(errors.is_empty(), "{errors:?}");
    let addresses: Vec<&str> = raw.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(addresses, ["Pod/default/listed-pod", "ConfigMap/tools/listed-config"]);
    assert_eq!((raw[0].span.start_line, raw[0].span.end_line), (4, 13), "an item's span is its own lines");
    let state = adapted(&raw);
    assert!(container(workload(&state, "listed-pod"), "c").privileged.is(&true));
    assert_eq!(state.unmodelled.get("ConfigMap"), Some(&1));
}

#[test]
fn bad_document_in_the_middle_is_an_error_and_the_others_still_read() {
    let (raw, errors) = read_path(&fixture("broken_middle.yaml"));
    let names: Vec<&str> = raw.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(names, ["Pod/default/before", "Pod/default/after"]);
    assert_eq!(raw[1].span.start_line, 17, "lines after the broken document stay right");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert!(e.path.ends_with("broken_middle.yaml"));
    let line = e.line.unwrap_or(0);
    assert!((13..=15).contains(&line), "error line {line} is in the broken document: {e:?}");
    assert!(e.message.contains("expected"), "{}", e.message);
    // The Result-returning entry point reports the error.
    let text = std::fs::read_to_string(fixture("broken_middle.yaml")).unwrap_or_default();
    assert!(tightrope_ingest::kubernetes::read(&Arc::from("b.yaml"), &text).is_err());
}

#[test]
fn scan_keeps_the_good_documents_of_a_broken_file() {
    let scan = tightrope_ingest::scan(&[fixture("broken_middle.yaml")]);
    let names: Vec<&str> = scan.state.kubernetes.workloads.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["before", "after"]);
    assert_eq!(scan.errors.len(), 1, "{:?}", scan.errors);
}

#[test]
fn suppressions_from_comments_and_annotation() {
    let (raw, errors) = read_path(&fixture("suppressions.yaml"));
    let agent = &raw[0];
    let rules: Vec<(&str, &str)> = agent.suppressions.iter().map(|s| (s.rule.as_str(), s.reason.as_str())).collect();
    assert_eq!(rules, [("KSV-0017", "node agent needs the host")]);
    let pod = &raw[1];
    let rules: Vec<(&str, &str)> = pod.suppressions.iter().map(|s| (s.rule.as_str(), s.reason.as_str())).collect();
    assert_eq!(rules, [("KSV-0009", "host network for the CNI"), ("KSV-0010", "debugging")]);
    assert_eq!(pod.suppressions[0].origin.lines(), Some((20, 20)));
    assert_eq!(errors.len(), 1, "an entry without a reason is an error: {errors:?}");
    assert!(errors[0].message.contains("KSV-0023") && errors[0].line == Some(20));
    let state = adapted(&raw);
    assert_eq!(workload(&state, "annotated").meta.suppressions.len(), 2);
}

#[test]
fn helm_templates_are_skipped_without_error() {
    let (raw, errors) = read_path(&fixture("chart/templates/deployment.yaml"));
    assert!(raw.is_empty() && errors.is_empty(), "{raw:?} {errors:?}");
    // The same text outside templates/ is read as YAML (`{{ x }}` is a nested flow mapping).
    let text = std::fs::read_to_string(fixture("chart/templates/deployment.yaml")).unwrap_or_default();
    let (raw, errors) = read_text("deployment.yaml", &text);
    assert_eq!((raw.len(), errors.len()), (1, 0), "{errors:?}");
}

#[test]
fn documents_without_api_version_or_kind_are_skipped() {
    let (raw, errors) = read_text("x.yaml", "name: ci\non: push\n---\n- a\n---\nkind: Pod\n---\n");
    assert!(raw.is_empty() && errors.is_empty(), "{raw:?} {errors:?}");
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!("  a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"));
    }
    let start = Instant::now();
    let (raw, errors) = read_text("bomb.yaml", &text);
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    assert!(raw.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("alias"), "{}", errors[0].message);
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let text = format!("apiVersion: v1\nkind: ConfigMap\ndata:\n  x:\n    {}1\n", "- ".repeat(100_000));
    let (raw, errors) = read_text("deep.yaml", &text);
    assert!(raw.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("nesting"), "{}", errors[0].message);
    let flow = format!("apiVersion: v1\nkind: ConfigMap\ndata: {}\n", "[".repeat(10_000));
    let (_, errors) = read_text("flow.yaml", &flow);
    assert_eq!(errors.len(), 1);
}

/// Every YAML file under kubernetes-goat reads without panic; the scenarios' dangerous settings
/// come out true.
#[test]
fn kubernetes_goat_end_to_end() {
    let Some(dir) = shared_data("iac-k8s-goat") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    let mut files = 0;
    for entry in walk(&dir) {
        let ext = entry.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if ext != "yaml" && ext != "yml" {
            continue;
        }
        files += 1;
        let (mut r, mut e) = read_path(&entry);
        raw.append(&mut r);
        errors.append(&mut e);
    }
    let state = adapted(&raw);
    eprintln!(
        "kubernetes-goat: {files} files, {} objects, {} workloads, unmodelled {:?}",
        raw.len(),
        state.kubernetes.workloads.len(),
        state.unmodelled
    );
    for e in &errors {
        eprintln!("input error: {}:{:?}: {}", e.path, e.line, e.message);
    }
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(state.kubernetes.workloads.len(), 13, "1 DaemonSet, 8 Deployments, 4 Jobs (Helm templates skipped)");

    // scenario docker-bench-security: DaemonSet with hostPID/IPC/network, privileged, docker.sock.
    let bench = workload(&state, "docker-bench-security");
    assert_eq!(bench.meta.kind, "DaemonSet");
    assert!(bench.host_pid.is(&true) && bench.host_ipc.is(&true) && bench.host_network.is(&true));
    assert!(container(bench, "docker-bench").privileged.is(&true));
    assert!(container(bench, "docker-bench").run_as_user.is(&0), "pod-level runAsUser: 0");
    assert!(bench.volumes.iter().any(|v| v.host_path.is(&"/var/run/docker.sock".to_string())));
    // scenario health-check: privileged container with the containerd socket.
    let health = workload(&state, "health-check-deployment");
    assert!(container(health, "health-check").privileged.is(&true));
    assert!(health.volumes.iter().any(|v| v.host_path.is(&"/run/containerd/containerd.sock".to_string())));
    // scenario system-monitor: hostPID, host filesystem, privileged, secret in env.
    let monitor = workload(&state, "system-monitor-deployment");
    assert!(monitor.host_pid.is(&true) && monitor.host_network.is(&false), "hostNetwork is commented out");
    assert!(monitor.volumes.iter().any(|v| v.host_path.is(&"/".to_string())));
    let c = container(monitor, "system-monitor");
    assert!(c.privileged.is(&true) && c.allow_privilege_escalation.is(&true));
    assert!(c.env.iter().any(|e| e.name == "K8S_GOAT_VAULT_KEY" && e.from_secret));
    // scenario kube-bench-security: node job with hostPID.
    assert!(workload(&state, "kube-bench-node").host_pid.is(&true));
}

/// The same data through the crate's `scan` entry point: format detection sends the manifests
/// (and the Helm templates, which are then skipped) to the Kubernetes reader.
#[test]
fn kubernetes_goat_through_scan() {
    let Some(dir) = shared_data("iac-k8s-goat") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let scan = tightrope_ingest::scan(&[dir]);
    let k8s_errors: Vec<_> = scan.errors.iter().filter(|e| e.path.ends_with(".yaml") || e.path.ends_with(".yml")).collect();
    assert!(k8s_errors.is_empty(), "{k8s_errors:?}");
    assert_eq!(scan.state.kubernetes.workloads.len(), 13);
    assert!(scan.state.kubernetes.workloads.iter().all(|w| w.meta.origin.path().is_some_and(|p| p.contains("/scenarios/"))));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out.sort();
    out
}

/// The trivy Kubernetes check examples parse, and for the privileged / hostPath / hostNetwork /
/// runAsNonRoot checks the typed attribute differs between the good and the bad snippets.
#[test]
fn trivy_check_examples() {
    let Some(dir) = shared_data("iac-trivy-check-examples") else {
        eprintln!("skipping: ../shared/data not present");
        return;
    };
    let dir = dir.join("checks/kubernetes");
    let mut snippets = 0;
    for file in walk(&dir) {
        for (label, text) in examples(&file) {
            snippets += 1;
            let (raw, errors) = read_text(&format!("{}#{label}", file.display()), &text);
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
            assert!(!raw.is_empty(), "{} {label}: no object", file.display());
        }
    }
    eprintln!("trivy examples: {snippets} snippets parsed");
    assert!(snippets >= 60, "{snippets}");

    let any = |file: &str, label: &str, pred: &dyn Fn(&Workload) -> bool| -> bool {
        examples(&dir.join(file)).into_iter().filter(|(l, _)| l == label).all(|(_, text)| {
            let (raw, _) = read_text(file, &text);
            adapted(&raw).kubernetes.workloads.iter().any(pred)
        })
    };
    let privileged = |w: &Workload| w.containers.iter().any(|c| c.privileged.is(&true));
    assert!(any("privileged.yaml", "bad", &privileged) && !any("privileged.yaml", "good", &privileged));
    let host_path = |w: &Workload| w.volumes.iter().any(|v| v.host_path.get().is_some());
    assert!(any("hostpath_volumes_mounted.yaml", "bad", &host_path) && !any("hostpath_volumes_mounted.yaml", "good", &host_path));
    let docker_sock = |w: &Workload| w.volumes.iter().any(|v| v.host_path.is(&"/var/run/docker.sock".to_string()));
    assert!(any("mounts_docker_socket.yaml", "bad", &docker_sock) && !any("mounts_docker_socket.yaml", "good", &docker_sock));
    let host_network = |w: &Workload| w.host_network.is(&true);
    assert!(any("host_network.yaml", "bad", &host_network) && !any("host_network.yaml", "good", &host_network));
    let may_run_as_root = |w: &Workload| w.containers.iter().any(|c| !c.run_as_non_root.is(&true));
    assert!(any("runs_as_root.yaml", "bad", &may_run_as_root) && !any("runs_as_root.yaml", "good", &may_run_as_root));
}

/// The `good`/`bad` snippets of a trivy example file (`kubernetes: {good: [..], bad: [..]}`).
fn examples(file: &Path) -> Vec<(String, String)> {
    use saphyr::{LoadableYamlNode, Yaml};
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let docs = Yaml::load_from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut out = Vec::new();
    for doc in &docs {
        let Some(k8s) = doc.as_mapping_get("kubernetes") else { continue };
        for label in ["good", "bad"] {
            for s in k8s.as_mapping_get(label).and_then(Yaml::as_sequence).into_iter().flatten() {
                if let Some(s) = s.as_str() {
                    out.push((label.to_string(), s.to_string()));
                }
            }
        }
    }
    out
}
