//! The GPU explorer: counts a plan's matches with CUDA kernels generated from the plan.
//!
//! * [`codegen`] turns a [`crate::Plan`] into CUDA C (the loop nest with warp-cooperative set
//!   operations, `kernels/*.cu` for the shared helpers);
//! * [`launch`] sizes the grid and splits the work units into launches;
//! * `Gpu` (with the `gpu` cargo feature) uploads the graph once, compiles each plan's kernel
//!   with NVRTC for the device's compute capability (or reads it from the on-disk
//!   `kernel_cache` an earlier run filled), keeps it for the run, and runs it.
//!
//! cudarc loads `libcuda` and `libnvrtc` at run time, so the feature builds without CUDA; the
//! libraries are probed before any call (cudarc panics on a missing library). [`Engine`]
//! resolves a [`Device`] choice once per run and then counts any number of patterns.

pub mod codegen;
mod device;
#[cfg(feature = "gpu")]
mod kernel_cache;
pub mod launch;
#[cfg(feature = "gpu")]
pub mod nvrtc;
#[cfg(feature = "gpu")]
mod runtime;

#[cfg(not(feature = "gpu"))]
pub use device::{probe, Gpu};
pub use device::{Device, Engine};
#[cfg(feature = "gpu")]
pub use runtime::{probe, Gpu};
