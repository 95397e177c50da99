//! An on-disk cache of compiled kernels, so that repeated runs skip NVRTC.
//!
//! NVRTC takes a quarter of a second or more per generated kernel, which a short `saker count`
//! on a small graph pays many times over. Each entry is keyed by a hash of the kernel source,
//! the target architecture and NVRTC's version, and stores the source beside the CUBIN: a hit
//! is used only when the stored source equals the one asked for, so a hash collision can never
//! run the wrong kernel. The cache is best effort: any I/O problem means a compile, never an
//! error.
//!
//! Location: `$SAKER_KERNEL_CACHE`, else `$XDG_CACHE_HOME/saker/kernels`, else
//! `$HOME/.cache/saker/kernels`; `SAKER_KERNEL_CACHE=off` disables it.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// Where compiled kernels for one architecture and compiler version live.
pub(crate) struct KernelCache {
    dir: PathBuf,
    /// Mixed into every key: the architecture and NVRTC's version.
    target: String,
}

impl KernelCache {
    /// The cache configured by the environment, or `None` when it is switched off or no
    /// location can be derived.
    pub(crate) fn from_env(arch: &str, nvrtc_version: (i32, i32)) -> Option<KernelCache> {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        let dir = match var("SAKER_KERNEL_CACHE") {
            Some(v) if v == "off" => return None,
            Some(v) => PathBuf::from(v),
            None => var("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache")))?
                .join("saker")
                .join("kernels"),
        };
        Some(KernelCache::at(dir, arch, nvrtc_version))
    }

    fn at(dir: PathBuf, arch: &str, (major, minor): (i32, i32)) -> KernelCache {
        KernelCache {
            dir,
            target: format!("{arch}-nvrtc{major}.{minor}"),
        }
    }

    fn path(&self, source: &str) -> PathBuf {
        let mut h = DefaultHasher::new();
        source.hash(&mut h);
        self.target.hash(&mut h);
        self.dir
            .join(format!("{}-{:016x}.cubin", self.target, h.finish()))
    }

    /// The CUBIN compiled earlier from exactly `source`, if stored.
    pub(crate) fn get(&self, source: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(source)).ok()?;
        let (len, rest) = bytes.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (stored, image) = rest.split_at_checked(len)?;
        (stored == source.as_bytes() && !image.is_empty()).then(|| image.to_vec())
    }

    /// Stores `image` as compiled from `source` (written to a temporary file and renamed, so a
    /// concurrent run never reads half an entry). Failures are ignored.
    pub(crate) fn put(&self, source: &str, image: &[u8]) {
        let path = self.path(source);
        let mut entry = Vec::with_capacity(8 + source.len() + image.len());
        entry.extend_from_slice(&(source.len() as u64).to_le_bytes());
        entry.extend_from_slice(source.as_bytes());
        entry.extend_from_slice(image);
        let temp = path.with_extension(format!("tmp{}", std::process::id()));
        let stored = std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::write(&temp, &entry))
            .and_then(|()| std::fs::rename(&temp, &path));
        if stored.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_only_what_was_stored_for_the_same_source_and_target() {
        let dir = std::env::temp_dir().join(format!("saker-kernel-cache-{}", std::process::id()));
        let cache = KernelCache::at(dir.clone(), "sm_90", (13, 0));
        assert_eq!(cache.get("kernel a"), None);
        cache.put("kernel a", b"image a");
        cache.put("kernel b", b"image b");
        assert_eq!(cache.get("kernel a").as_deref(), Some(&b"image a"[..]));
        assert_eq!(cache.get("kernel b").as_deref(), Some(&b"image b"[..]));
        // Another architecture or compiler version is another entry.
        assert_eq!(
            KernelCache::at(dir.clone(), "sm_80", (13, 0)).get("kernel a"),
            None
        );
        assert_eq!(
            KernelCache::at(dir.clone(), "sm_90", (13, 1)).get("kernel a"),
            None
        );
        // An entry whose stored source differs (a collision, or a damaged file) is a miss.
        std::fs::write(cache.path("kernel c"), b"\x08\0\0\0\0\0\0\0kernel a image").unwrap();
        assert_eq!(cache.get("kernel c"), None);
        std::fs::write(cache.path("kernel d"), b"\xff").unwrap();
        assert_eq!(cache.get("kernel d"), None);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
