//! What an imported callable can do, which sets the severity of a pickle finding.

use tightrope_core::Severity;

/// The capability class of a callable outside the allow-list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Risk {
    /// Not known to be dangerous, but not known to be safe either.
    Unknown,
    /// Network or file-system access.
    NetworkOrFile,
    /// Runs code or commands, or reaches arbitrary attributes.
    CodeExecution,
}

impl Risk {
    pub fn severity(self) -> Severity {
        match self {
            Risk::Unknown => Severity::Medium,
            Risk::NetworkOrFile => Severity::High,
            Risk::CodeExecution => Severity::Critical,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Risk::Unknown => "outside the allow-list",
            Risk::NetworkOrFile => "network or file access",
            Risk::CodeExecution => "code execution",
        }
    }
}

/// Modules (and their submodules) whose callables run code or commands.
const CODE_MODULES: &[&str] = &[
    "os", "posix", "nt", "subprocess", "commands", "popen2", "pty", "runpy", "sys", "importlib", "imp", "code",
    "codeop", "ctypes", "cffi", "marshal", "pickle", "_pickle", "cPickle", "dill", "cloudpickle", "shelve", "pip",
    "setuptools", "distutils", "venv", "ensurepip", "bdb", "pdb", "trace", "profile", "cProfile", "timeit",
    "pydoc", "platform", "multiprocessing", "concurrent", "asyncio", "threading", "_thread", "signal",
    "operator", "functools", "types", "inspect", "gc", "site", "sysconfig", "torch._inductor", "torch.jit",
    "torch.hub", "torch.package", "torch._dynamo", "torch.utils.cpp_extension", "torch.serialization",
    "numpy.f2py", "numpy.testing", "numpy.distutils", "joblib.parallel", "IPython", "jinja2", "yaml",
];
/// Single builtins that run code or reach arbitrary attributes.
const CODE_BUILTINS: &[&str] = &[
    "eval", "exec", "execfile", "compile", "getattr", "setattr", "delattr", "__import__", "apply", "globals",
    "locals", "vars", "input", "breakpoint", "reload", "help", "memoryview", "type", "super", "classmethod",
    "staticmethod", "property", "callable", "map", "filter",
];
/// Builtins that touch files.
const FILE_BUILTINS: &[&str] = &["open", "file"];
/// Modules whose callables reach the network or the file system.
const NETWORK_FILE_MODULES: &[&str] = &[
    "socket", "ssl", "http", "httplib", "urllib", "urllib2", "urllib3", "requests", "aiohttp", "httpx", "ftplib",
    "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "xmlrpclib", "webbrowser", "socketserver", "select",
    "selectors", "shutil", "tempfile", "pathlib", "glob", "io", "_io", "codecs", "fileinput", "zipfile", "tarfile",
    "gzip", "bz2", "lzma", "mmap", "sqlite3", "dbm", "boto3", "botocore", "paramiko", "smbclient",
];

/// Classify `module.name`.
pub fn classify(module: &str, name: &str) -> Risk {
    let in_any = |list: &[&str]| list.iter().any(|m| module == *m || module.strip_prefix(m).is_some_and(|r| r.starts_with('.')));
    let builtin = matches!(module, "builtins" | "__builtin__" | "__builtins__");
    let first = name.split('.').next().unwrap_or(name);
    if module == "?" || (builtin && CODE_BUILTINS.contains(&first)) || in_any(CODE_MODULES) {
        Risk::CodeExecution
    } else if (builtin && FILE_BUILTINS.contains(&first)) || in_any(NETWORK_FILE_MODULES) {
        Risk::NetworkOrFile
    } else if name.split('.').any(|p| CODE_BUILTINS.contains(&p) || matches!(p, "system" | "popen" | "run" | "call" | "load" | "loads" | "spawn")) {
        Risk::CodeExecution
    } else {
        Risk::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_follow_capabilities() {
        assert_eq!(classify("posix", "system"), Risk::CodeExecution);
        assert_eq!(classify("__builtin__", "eval"), Risk::CodeExecution);
        assert_eq!(classify("torch._inductor.codecache", "compile_file"), Risk::CodeExecution);
        assert_eq!(classify("requests.api", "get"), Risk::NetworkOrFile);
        assert_eq!(classify("builtins", "open"), Risk::NetworkOrFile);
        assert_eq!(classify("bdb", "Bdb.run"), Risk::CodeExecution);
        assert_eq!(classify("mypkg.layers", "Block"), Risk::Unknown);
        assert_eq!(classify("ossify", "x"), Risk::Unknown);
    }
}
