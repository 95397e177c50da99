//! The native half of the `saker` Python package (`saker._saker`).
//!
//! The Python half (`saker/__init__.py`) turns a numpy array or torch tensor `edge_index` into
//! the raw bytes of a C-contiguous `(2, E)` int64 array and wraps results into numpy arrays, so
//! this module needs neither numpy's C API nor torch: it stays an abi3 extension that builds
//! against any Python >= 3.9. All checks on vertex ids are made here, with the column of the
//! offending entry in the message, and every `saker::Error` becomes a Python exception.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use pyo3::exceptions::{
    PyKeyboardInterrupt, PyOSError, PyOverflowError, PyRuntimeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::PyByteArray;
use saker::exec::interrupt;
use saker::features::orbits::{edge_orbits, node_orbits, OrbitMatrix};
use saker::features::substructure;
use saker::{Error, Graph, Pattern, Semantics};

/// Maps a saker error to the Python exception a caller would expect for it.
fn to_py(error: Error) -> PyErr {
    let message = error.to_string();
    match error {
        Error::Io { .. } => PyOSError::new_err(message),
        Error::Overflow(_) => PyOverflowError::new_err(message),
        Error::Interrupted(_) | Error::TimedOut(_) => PyKeyboardInterrupt::new_err(message),
        _ => PyValueError::new_err(message),
    }
}

/// Runs `work` on a thread of its own, without the GIL, while this thread watches for Python
/// signals: a `KeyboardInterrupt` (Ctrl-C) asks saker's engines to stop, waits until they
/// have, clears the stop request and is raised to the caller. Any stop left over from an
/// earlier call is cleared first.
fn interruptible<T: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> saker::Result<T> + Send,
) -> PyResult<T> {
    interrupt::reset();
    std::thread::scope(|scope| {
        let (done, mut finished) = mpsc::channel();
        scope.spawn(move || {
            // The receiver is gone only after a panic here, which the scope re-raises.
            let _ = done.send(work());
        });
        loop {
            let (outcome, receiver) =
                py.allow_threads(move || (finished.recv_timeout(SIGNAL_POLL), finished));
            finished = receiver;
            match outcome {
                Ok(result) => return result.map_err(to_py),
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(signal) = py.check_signals() {
                        interrupt::interrupt();
                        // The engines poll the stop once per task: this returns promptly.
                        let _ = py.allow_threads(move || finished.recv());
                        interrupt::reset();
                        return Err(signal);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(PyRuntimeError::new_err("saker's worker thread panicked"))
                }
            }
        }
    })
}

/// How often a running call checks for Python signals.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// An `edge_index` decoded and checked: its columns as vertex pairs, and the vertex count.
struct EdgeIndex {
    columns: Vec<(u32, u32)>,
    num_nodes: usize,
}

impl EdgeIndex {
    /// Decodes the native-endian bytes of a C-contiguous `(2, E)` int64 array: the `E` sources
    /// first, then the `E` targets. `num_nodes` defaults to the largest id + 1.
    fn decode(bytes: &[u8], num_nodes: Option<i64>) -> PyResult<EdgeIndex> {
        if bytes.len() % 16 != 0 {
            return Err(PyValueError::new_err(format!(
                "edge_index buffer of {} bytes is not a (2, E) int64 array",
                bytes.len()
            )));
        }
        let e = bytes.len() / 16;
        let id = |row: usize, col: usize| -> i64 {
            let at = 8 * (row * e + col);
            i64::from_ne_bytes(bytes[at..at + 8].try_into().expect("8-byte slice"))
        };
        let limit = match num_nodes {
            Some(n) if n < 0 => {
                return Err(PyValueError::new_err(format!(
                    "num_nodes = {n} is negative"
                )))
            }
            Some(n) => n,
            None => (0..e)
                .flat_map(|c| [id(0, c), id(1, c)])
                .max()
                .map_or(0, |m| m.saturating_add(1)),
        };
        if limit > i64::from(u32::MAX) {
            return Err(PyValueError::new_err(format!(
                "{limit} vertices exceed saker's 32-bit vertex ids"
            )));
        }
        let mut columns = Vec::with_capacity(e);
        for c in 0..e {
            let (u, v) = (id(0, c), id(1, c));
            for (row, w) in [(0, u), (1, v)] {
                if w < 0 {
                    return Err(PyValueError::new_err(format!(
                        "edge_index[{row}, {c}] = {w} is a negative vertex id"
                    )));
                }
                if w >= limit {
                    return Err(PyValueError::new_err(format!(
                        "edge_index[{row}, {c}] = {w} is out of range for num_nodes = {limit}"
                    )));
                }
            }
            // Both fit in u32: 0 <= w < limit <= u32::MAX.
            columns.push((u as u32, v as u32));
        }
        Ok(EdgeIndex {
            columns,
            num_nodes: limit as usize,
        })
    }

    /// Spreads per-edge rows (`unique` sorted with `u < v`, as [`Graph::edges`] lists them) over
    /// the input's columns: `(data, rows, cols)` with one row per column, zeros for a self-loop.
    fn edge_rows(&self, unique: &[(u32, u32)], counts: &OrbitMatrix) -> (Vec<u64>, usize, usize) {
        let cols = counts.cols();
        let mut data = vec![0u64; self.columns.len() * cols];
        for (row, &(u, v)) in data.chunks_exact_mut(cols).zip(&self.columns) {
            if u != v {
                let at = unique
                    .binary_search(&(u.min(v), u.max(v)))
                    .expect("every non-loop column's edge is in the graph");
                row.copy_from_slice(counts.row(at));
            }
        }
        (data, self.columns.len(), cols)
    }

    /// The simple undirected graph of the columns (self-loops and duplicates dropped).
    fn graph(&self) -> saker::Result<Graph> {
        Graph::from_edges(self.num_nodes, self.columns.iter().copied())
    }
}

/// A row-major `u64` matrix handed to Python as a bytearray (numpy wraps it without a copy).
fn matrix(py: Python<'_>, data: &[u64]) -> PyResult<Py<PyByteArray>> {
    let array = PyByteArray::new_with(py, data.len() * 8, |buf| {
        for (chunk, x) in buf.chunks_exact_mut(8).zip(data) {
            chunk.copy_from_slice(&x.to_ne_bytes());
        }
        Ok(())
    })?;
    Ok(array.unbind())
}

/// Orbit counts of every vertex, or of every `edge_index` column's edge (a zero row for a
/// self-loop column): returns `(bytes, rows, cols)` of a row-major uint64 matrix.
#[pyfunction]
#[pyo3(signature = (edge_index, num_nodes, k, edges))]
fn orbit_counts(
    py: Python<'_>,
    edge_index: &[u8],
    num_nodes: Option<i64>,
    k: usize,
    edges: bool,
) -> PyResult<(Py<PyByteArray>, usize, usize)> {
    let input = EdgeIndex::decode(edge_index, num_nodes)?;
    let (data, rows, cols) = interruptible(py, || {
        let graph = input.graph()?;
        if !edges {
            let counts = node_orbits(&graph, k)?;
            let (rows, cols) = (counts.rows(), counts.cols());
            return Ok((counts.into_vec(), rows, cols));
        }
        let (unique, counts) = edge_orbits(&graph, k)?;
        Ok(input.edge_rows(&unique, &counts))
    })?;
    Ok((matrix(py, &data)?, rows, cols))
}

/// The number of unique matches of `pattern` (text syntax or a built-in name).
#[pyfunction]
#[pyo3(signature = (edge_index, pattern, num_nodes, induced))]
fn count(
    py: Python<'_>,
    edge_index: &[u8],
    pattern: &str,
    num_nodes: Option<i64>,
    induced: bool,
) -> PyResult<u64> {
    let input = EdgeIndex::decode(edge_index, num_nodes)?;
    let mut pattern = Pattern::parse(pattern).map_err(to_py)?;
    if induced {
        pattern = pattern.with_semantics(Semantics::VertexInduced);
    }
    interruptible(py, || saker::count(&input.graph()?, &pattern))
}

/// Counts of every connected `k`-vertex pattern, as `(pattern text, count)` pairs in the order
/// of `saker::pattern::connected(k)`; the text parses back to the pattern (with `induced:` for
/// vertex-induced counts).
#[pyfunction]
#[pyo3(signature = (edge_index, k, num_nodes, induced))]
fn motifs(
    py: Python<'_>,
    edge_index: &[u8],
    k: usize,
    num_nodes: Option<i64>,
    induced: bool,
) -> PyResult<Vec<(String, u64)>> {
    let input = EdgeIndex::decode(edge_index, num_nodes)?;
    let semantics = if induced {
        Semantics::VertexInduced
    } else {
        Semantics::EdgeInduced
    };
    let counts = interruptible(py, || saker::motifs(&input.graph()?, k, semantics))?;
    Ok(counts
        .into_iter()
        .map(|(p, n)| (p.to_string(), n))
        .collect())
}

/// Parses each pattern (text syntax or a built-in name).
fn parse_patterns(patterns: &[String]) -> PyResult<Vec<Pattern>> {
    patterns
        .iter()
        .map(|p| Pattern::parse(p).map_err(to_py))
        .collect()
}

/// Substructure counts by pattern orbit (GSN's identifiers) of every vertex, or of every
/// `edge_index` column's edge: `(bytes, rows, cols)` of a row-major uint64 matrix.
#[pyfunction]
#[pyo3(signature = (edge_index, patterns, num_nodes, edges))]
fn substructure_counts(
    py: Python<'_>,
    edge_index: &[u8],
    patterns: Vec<String>,
    num_nodes: Option<i64>,
    edges: bool,
) -> PyResult<(Py<PyByteArray>, usize, usize)> {
    let input = EdgeIndex::decode(edge_index, num_nodes)?;
    let patterns = parse_patterns(&patterns)?;
    let (data, rows, cols) = interruptible(py, || {
        let graph = input.graph()?;
        if !edges {
            let counts = substructure::vertex_counts(&graph, &patterns)?;
            let (rows, cols) = (counts.rows(), counts.cols());
            return Ok((counts.into_vec(), rows, cols));
        }
        let (unique, counts) = substructure::edge_counts(&graph, &patterns)?;
        Ok(input.edge_rows(&unique, &counts))
    })?;
    Ok((matrix(py, &data)?, rows, cols))
}

/// The names `<pattern>:o<i>` of the columns of [`substructure_counts`].
#[pyfunction]
#[pyo3(signature = (patterns, edges))]
fn substructure_columns(patterns: Vec<String>, edges: bool) -> PyResult<Vec<String>> {
    let parsed = parse_patterns(&patterns)?;
    let names: Vec<&str> = patterns.iter().map(String::as_str).collect();
    Ok(substructure::column_names(&names, &parsed, edges))
}

/// The native module `saker._saker`.
#[pymodule]
fn _saker(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(orbit_counts, module)?)?;
    module.add_function(wrap_pyfunction!(count, module)?)?;
    module.add_function(wrap_pyfunction!(motifs, module)?)?;
    module.add_function(wrap_pyfunction!(substructure_counts, module)?)?;
    module.add_function(wrap_pyfunction!(substructure_columns, module)?)?;
    Ok(())
}
