//! The GPU session: one CUDA context, the graph uploaded once, kernels compiled once per plan.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cudarc::driver::sys::CUdevice_attribute;
use cudarc::driver::{
    CudaContext, CudaFunction, CudaSlice, CudaStream, LaunchConfig, PushKernelArg,
};
use cudarc::nvrtc::Ptx;

use super::codegen;
use super::kernel_cache::KernelCache;
use super::launch::{self, DeviceLimits, THREADS_PER_BLOCK};
use super::nvrtc;
use crate::error::{Error, Result};
use crate::exec::interrupt;
use crate::graph::{Graph, NO_LABEL};
use crate::plan::Plan;

fn driver(what: &str) -> impl Fn(cudarc::driver::DriverError) -> Error + '_ {
    move |e| Error::Gpu(format!("{what}: {e}"))
}

/// Why no GPU can be used, or `Ok` when the driver, NVRTC and a device are all there.
///
/// # Errors
/// [`Error::Gpu`] naming what is missing.
pub fn probe() -> Result<()> {
    // SAFETY: only tries `dlopen` on the candidate names; nothing is called.
    if !unsafe { cudarc::driver::sys::is_culib_present() } {
        return Err(Error::Gpu(
            "the NVIDIA driver library (libcuda.so) was not found: no usable GPU".into(),
        ));
    }
    if !nvrtc::available() {
        return Err(Error::Gpu(nvrtc::MISSING.into()));
    }
    let devices = CudaContext::device_count().map_err(driver("no usable GPU"))?;
    if devices < 1 {
        return Err(Error::Gpu("the driver reports no GPU".into()));
    }
    Ok(())
}

/// A GPU holding one graph: counts any number of plans over it.
pub struct Gpu<'g> {
    graph: &'g Graph,
    ctx: Arc<CudaContext>,
    stream: Arc<CudaStream>,
    offsets: CudaSlice<u64>,
    adjacency: CudaSlice<u32>,
    labels: CudaSlice<u32>,
    arch: String,
    sms: u32,
    /// Compiled kernels by source (one per distinct plan in the run).
    kernels: HashMap<String, CudaFunction>,
    /// Kernels compiled by earlier runs.
    disk_cache: Option<KernelCache>,
    /// Scratch buffers, grown on demand and reused.
    scratch: Option<CudaSlice<u32>>,
    /// Time spent in NVRTC and module loading.
    compile_time: Duration,
}

impl<'g> Gpu<'g> {
    /// Opens device 0 and uploads `graph`'s CSR and labels.
    ///
    /// # Errors
    /// [`Error::Gpu`] when there is no usable GPU or the upload fails.
    pub fn new(graph: &'g Graph) -> Result<Gpu<'g>> {
        probe()?;
        let ctx = CudaContext::new(0).map_err(driver("opening GPU 0"))?;
        let stream = ctx.default_stream();
        let (major, minor) = ctx
            .compute_capability()
            .map_err(driver("reading the compute capability"))?;
        let sms = ctx
            .attribute(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
            .map_err(driver("reading the SM count"))? as u32;
        let upload = driver("uploading the graph");
        let offsets = stream.clone_htod(graph.offsets()).map_err(&upload)?;
        let adjacency = if graph.adjacency().is_empty() {
            stream.alloc_zeros::<u32>(1).map_err(&upload)?
        } else {
            stream.clone_htod(graph.adjacency()).map_err(&upload)?
        };
        let labels = match graph.labels() {
            Some(l) if !l.is_empty() => stream.clone_htod(l).map_err(&upload)?,
            _ => stream.clone_htod(&[NO_LABEL]).map_err(&upload)?,
        };
        let arch = format!("sm_{major}{minor}");
        let disk_cache = KernelCache::from_env(&arch, nvrtc::version()?);
        Ok(Gpu {
            graph,
            ctx,
            stream,
            offsets,
            adjacency,
            labels,
            arch,
            sms,
            kernels: HashMap::new(),
            disk_cache,
            scratch: None,
            compile_time: Duration::ZERO,
        })
    }

    /// The device's name and compute capability, for messages.
    pub fn describe(&self) -> String {
        let name = self.ctx.name().unwrap_or_else(|_| "GPU".into());
        format!("{name} ({}, {} SMs)", self.arch, self.sms)
    }

    /// Time spent compiling (or reading cached) kernels and loading them, so far.
    pub fn compile_time(&self) -> Duration {
        self.compile_time
    }

    fn function(&mut self, source: &str) -> Result<CudaFunction> {
        if let Some(f) = self.kernels.get(source) {
            return Ok(f.clone());
        }
        let started = Instant::now();
        let cached = self.disk_cache.as_ref().and_then(|c| c.get(source));
        let image = match cached {
            Some(image) => image,
            None => {
                let image = nvrtc::compile(source, "saker_count.cu", &self.arch)?;
                if let Some(cache) = &self.disk_cache {
                    cache.put(source, &image);
                }
                image
            }
        };
        let module = self
            .ctx
            .load_module(Ptx::from_binary(image))
            .map_err(driver("loading the kernel"))?;
        let f = module
            .load_function("saker_count")
            .map_err(driver("finding the kernel"))?;
        self.compile_time += started.elapsed();
        self.kernels.insert(source.to_string(), f.clone());
        Ok(f)
    }

    /// Counts the unique matches of `plan`'s pattern.
    ///
    /// # Errors
    /// [`Error::Gpu`] for unsupported plans and device failures, [`Error::Overflow`] past `u64`,
    /// [`Error::Interrupted`] / [`Error::TimedOut`] when stopped between launches.
    pub fn count(&mut self, plan: &Plan) -> Result<u64> {
        let what = plan.pattern().name().unwrap_or("the pattern").to_string();
        let kernel = codegen::generate(plan)?;
        if kernel.needs_labels && self.graph.labels().is_none() {
            return Ok(0);
        }
        let function = self.function(&kernel.source)?;
        let units = if kernel.edge_units {
            self.graph.adjacency().len() as u64
        } else {
            self.graph.num_vertices() as u64
        };
        let blocks_per_sm = function
            .occupancy_max_active_blocks_per_multiprocessor(THREADS_PER_BLOCK, 0, None)
            .map_err(driver("querying occupancy"))?;
        let (free, _) = self
            .ctx
            .mem_get_info()
            .map_err(driver("reading free memory"))?;
        let held = self.scratch.as_ref().map_or(0, |s| s.len() as u64 * 4);
        let limits = DeviceLimits {
            sms: self.sms,
            blocks_per_sm,
            scratch_bytes: (free as u64 + held) / 10 * 8,
        };
        let geometry =
            launch::geometry(limits, kernel.slots, self.graph.max_degree() as u64, units)?;
        let words = geometry.scratch_words(kernel.slots) as usize;
        let alloc = driver("allocating scratch space");
        if self.scratch.as_ref().is_none_or(|s| s.len() < words) {
            self.scratch = None;
            self.scratch = Some(self.stream.alloc_zeros::<u32>(words).map_err(&alloc)?);
        }
        let scratch = self.scratch.as_ref().expect("allocated above");
        let mut queue = self.stream.alloc_zeros::<u64>(1).map_err(&alloc)?;
        let result = self.stream.alloc_zeros::<u64>(2).map_err(&alloc)?;
        let n = self.graph.num_vertices() as u32;
        let cfg = LaunchConfig {
            grid_dim: (geometry.blocks, 1, 1),
            block_dim: (THREADS_PER_BLOCK, 1, 1),
            shared_mem_bytes: 0,
        };
        let launch = driver("running the kernel");
        let started = Instant::now();
        for &(begin, end) in &geometry.batches {
            if interrupt::requested() {
                break;
            }
            self.stream.memset_zeros(&mut queue).map_err(&launch)?;
            let mut args = self.stream.launch_builder(&function);
            args.arg(&self.offsets)
                .arg(&self.adjacency)
                .arg(&self.labels)
                .arg(&n)
                .arg(&begin)
                .arg(&end)
                .arg(&geometry.grab)
                .arg(&mut queue)
                .arg(scratch)
                .arg(&geometry.slot_words)
                .arg(&result);
            // SAFETY: the arguments match `saker_count`'s parameters in kernels/explore.cu in
            // order and type; every buffer outlives the launch (the stream is synchronised
            // below), and the scratch holds `warps * SAKER_SLOTS * slot_words` words.
            unsafe { args.launch(cfg) }.map_err(&launch)?;
            self.stream.synchronize().map_err(&launch)?;
        }
        interrupt::check(&format!("counting {what} on the GPU"))?;
        let totals = self.stream.clone_dtoh(&result).map_err(&launch)?;
        if std::env::var_os("SAKER_GPU_TIMES").is_some() {
            // Read by benches/gpu_check.sh: kernel time apart from compile time and graph load.
            eprintln!(
                "saker-gpu: {what}: kernel {:.6} s, compile total {:.3} s, {} units ({}), {} warps, \
                 {} launches, {} slots",
                started.elapsed().as_secs_f64(),
                self.compile_time.as_secs_f64(),
                units,
                if kernel.edge_units { "edges" } else { "vertices" },
                geometry.warps,
                geometry.batches.len(),
                kernel.slots
            );
        }
        if totals[1] != 0 {
            return Err(Error::Overflow(format!("the number of matches of {what}")));
        }
        Ok(totals[0])
    }
}
