//! The one error type of saker.
//!
//! Every failure a user can cause — a missing or malformed file, a bad pattern, an argument out
//! of range, a count that no longer fits — is an [`Error`] whose message names the problem and
//! where it is (file and line, pattern column). Library code never panics on user input.

use std::io;
use std::path::{Path, PathBuf};

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in saker.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An operating-system error while reading or writing `path`.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },

    /// A line of a text input could not be understood.
    #[error("{}:{line}: {message}: `{text}`", path.display())]
    Parse {
        /// The file involved.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
        /// The offending text (truncated for display).
        text: String,
    },

    /// A file as a whole is invalid (empty, inconsistent header, wrong size...).
    #[error("{}: {message}", path.display())]
    InvalidFile {
        /// The file involved.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },

    /// The format of a graph file could not be determined or is not supported.
    #[error("{}: {message}", path.display())]
    UnknownFormat {
        /// The file involved.
        path: PathBuf,
        /// Explanation, listing the supported formats.
        message: String,
    },

    /// A binary cache file is corrupted, truncated or of another version.
    #[error("{}: corrupt or incompatible cache file: {message}", path.display())]
    Cache {
        /// The file involved.
        path: PathBuf,
        /// What check failed.
        message: String,
    },

    /// A pattern text could not be parsed.
    #[error("pattern `{input}`, column {column}: {message}")]
    Pattern {
        /// The full pattern text.
        input: String,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },

    /// A pattern is well-formed text but not a valid pattern (too many vertices, unknown name...).
    #[error("invalid pattern: {0}")]
    InvalidPattern(String),

    /// A user-supplied argument is out of range or inconsistent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),

    /// A count exceeded the range of its integer type.
    #[error("count overflow: {0} exceeds the range of u64")]
    Overflow(String),

    /// The run was interrupted (Ctrl-C) before it finished; nothing it computed is final.
    #[error("interrupted: {0} did not finish")]
    Interrupted(String),

    /// The run reached its time limit (`--timeout`) before it finished.
    #[error("time limit reached: {0} did not finish")]
    TimedOut(String),

    /// The GPU cannot run the query: none usable, an unsupported plan, or a device failure.
    #[error("GPU: {0}")]
    Gpu(String),

    /// A distributed run failed: a bad cluster configuration, a peer process that could not be
    /// reached or was lost mid-run, or a worker's error; no partial result is printed.
    #[error("distributed run: {0}")]
    Distributed(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl AsRef<Path>, source: io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// A parse error at `line` of `path`; `text` is truncated to keep messages readable.
    pub fn parse(
        path: impl AsRef<Path>,
        line: u64,
        message: impl Into<String>,
        text: &str,
    ) -> Self {
        const MAX: usize = 80;
        let text = match text.char_indices().nth(MAX) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_string(),
        };
        Error::Parse {
            path: path.as_ref().to_path_buf(),
            line,
            message: message.into(),
            text,
        }
    }

    /// A whole-file problem.
    pub fn invalid_file(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error::InvalidFile {
            path: path.as_ref().to_path_buf(),
            message: message.into(),
        }
    }
}
