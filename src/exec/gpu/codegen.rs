//! CUDA C for one plan: the pattern-specific loop nest that a warp runs per work unit.
//!
//! The generated `saker_unit` follows the general plan step by step (G2Miner-style code
//! generation): each enumerated depth builds its candidate set with the warp-cooperative
//! primitives of `kernels/setops.cu` (the intersection of matched neighbours' lists, windowed by
//! the symmetry-breaking id bounds, minus anti-edge partners' lists, label filters, matched
//! vertices skipped) and loops over it; the last depth — or the plan's counting tail — is
//! counted from set sizes instead of enumerated. Specialised CPU strategies (clique, 4-cycle,
//! diamond formulas) are lowered to the general plan of the same pattern, whose restrictions
//! give the same counts.
//!
//! Not covered on the GPU (a clear error instead of a kernel): anti-vertices, whose checks run
//! on complete matches.

use std::fmt::Write;

use crate::error::{Error, Result};
use crate::pattern::Label;
use crate::plan::{GeneralPlan, Plan, PlanOptions, RawSource, Step, Strategy, Tail};

/// Device helpers every kernel shares.
const SETOPS: &str = include_str!("../../../kernels/setops.cu");
/// The work-queue driver loop that calls the generated `saker_unit`.
const EXPLORE: &str = include_str!("../../../kernels/explore.cu");

/// A generated kernel and what launching it needs.
#[derive(Clone, Debug)]
pub struct Kernel {
    /// Complete CUDA C source (helpers, generated loop nest, driver loop) for NVRTC.
    pub source: String,
    /// Work units are CSR positions (edges) rather than start vertices.
    pub edge_units: bool,
    /// Scratch buffers a warp needs, each as long as the largest degree.
    pub slots: usize,
    /// Whether some step filters by label (an unlabelled graph then has no match).
    pub needs_labels: bool,
}

/// Generates the counting kernel for `plan`.
///
/// # Errors
/// [`Error::Gpu`] for plans the GPU does not cover (patterns with anti-vertices).
pub fn generate(plan: &Plan) -> Result<Kernel> {
    let lowered;
    let general = match &plan.strategy {
        Strategy::General(g) => g,
        Strategy::Clique(_)
        | Strategy::FourCycle
        | Strategy::Diamond
        | Strategy::TailedTriangle
        | Strategy::House
        | Strategy::FiveCycle => {
            let options = PlanOptions {
                counting_tails: true,
                specialised: false,
            };
            lowered = Plan::new(&plan.pattern, None, options);
            match &lowered.strategy {
                Strategy::General(g) => g,
                _ => unreachable!("specialised strategies are off"),
            }
        }
    };
    if !general.anti_checks.is_empty() {
        return Err(Error::Gpu(format!(
            "pattern {} has anti-vertices, which the GPU explorer does not support yet; \
             count it with --device cpu",
            plan.pattern.name().unwrap_or("(unnamed)")
        )));
    }
    let mut gen = Gen {
        plan: general,
        out: String::new(),
        slots: 0,
        indent: 1,
    };
    let body = gen.unit();
    let k = general.steps.len();
    let edge_units = gen.edge_units();
    let needs_labels = general.steps.iter().any(|s| s.label != Label::Any);
    let mut source = String::with_capacity(SETOPS.len() + EXPLORE.len() + body.len() + 512);
    source.push_str(SETOPS);
    source.push_str("\n// ---- generated from the plan ----\n");
    for line in plan.to_string().lines() {
        let _ = writeln!(source, "// {line}");
    }
    if !matches!(plan.strategy, Strategy::General(_)) {
        source.push_str("// lowered to the general plan:\n");
        for line in general.to_string().lines() {
            let _ = writeln!(source, "// {line}");
        }
    }
    let _ = writeln!(source, "#define SAKER_EDGE_UNITS {}", edge_units as u8);
    let _ = writeln!(source, "#define SAKER_SLOTS {}", gen.slots.max(1));
    let _ = writeln!(source, "#define SAKER_DEPTH {k}");
    source.push_str(
        "__device__ __forceinline__ void saker_unit(const Graph& g, u32 m0, u32 m1, u32* buf, \
         u64 cap, Acc& acc) {\n",
    );
    if !edge_units {
        source.push_str("    (void)m1;\n");
    }
    source.push_str(&body);
    source.push_str("}\n\n");
    source.push_str(EXPLORE);
    Ok(Kernel {
        source,
        edge_units,
        slots: gen.slots,
        needs_labels,
    })
}

/// Emits the loop nest of one general plan.
struct Gen<'p> {
    plan: &'p GeneralPlan,
    out: String,
    slots: usize,
    indent: usize,
}

impl<'p> Gen<'p> {
    /// First depth counted rather than enumerated, and whether it is a multi-vertex tail.
    fn counted_from(&self) -> (usize, Option<&'p Tail>) {
        let plan: &'p GeneralPlan = self.plan;
        let k = plan.steps.len();
        match &plan.tail {
            Some(t) if k - t.start >= 2 => (t.start, Some(t)),
            _ => (k - 1, None),
        }
    }

    /// Edge units when depth 1 is enumerated over the start vertex's neighbours.
    fn edge_units(&self) -> bool {
        let (counted, _) = self.counted_from();
        counted > 1 && self.plan.steps[1].raw == RawSource::List(0)
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn slot(&mut self) -> String {
        let s = self.slots;
        self.slots += 1;
        format!("(buf + {s}ull * cap)")
    }

    /// The body of `saker_unit`.
    fn unit(&mut self) -> String {
        let k = self.plan.steps.len();
        let keep0 = self.keep(0, &[]);
        self.line(&format!("if (!({})) return;", subst(&keep0, "m0")));
        if k == 1 {
            self.line("acc.add(1);");
            return std::mem::take(&mut self.out);
        }
        let mut first = 1;
        if self.edge_units() {
            let step = &self.plan.steps[1];
            let (lo, hi) = bounds(step, 1);
            let keep = self.keep(1, &step.exclude);
            self.line(&format!(
                "if (m1 < {lo} || m1 >= {hi} || !({})) return;",
                subst(&keep, "m1")
            ));
            first = 2;
        }
        self.level(first);
        std::mem::take(&mut self.out)
    }

    /// Depth `i` and everything below it.
    fn level(&mut self, i: usize) {
        let (counted, tail) = self.counted_from();
        if i == counted {
            match tail {
                Some(t) => self.tail(t),
                None => self.count_step(i),
            }
            return;
        }
        let plan = self.plan;
        let step = &plan.steps[i];
        let (lo, hi) = bounds(step, i);
        let keep = self.keep(i, &step.exclude);
        self.line(&format!("{{ // depth {i}: v{}", step.vertex));
        self.indent += 1;
        self.line(&format!("const u32 lo{i} = {lo}, hi{i} = {hi};"));
        let filtered = match &step.raw {
            RawSource::Universe => {
                self.line(&format!(
                    "for (u32 m{i} = lo{i}; m{i} < min(hi{i}, g.n); ++m{i}) {{"
                ));
                true
            }
            RawSource::List(d) => {
                self.line(&format!(
                    "const Set c{i} = window(nbrs(g, m{d}), lo{i}, hi{i});"
                ));
                self.for_each(i);
                true
            }
            RawSource::Alias(j) => {
                self.line(&format!("const Set c{i} = window(r{j}, lo{i}, hi{i});"));
                self.for_each(i);
                true
            }
            RawSource::Computed { .. } if step.raw_bounded => {
                let inputs = self.inputs(i, Some(format!("lo{i}, hi{i}")));
                let slot = self.slot();
                self.line(&format!(
                    "const Set in{i}[{}] = {{{}}};",
                    inputs.len(),
                    inputs.join(", ")
                ));
                self.line(&format!(
                    "const Set c{i} = Set{{{slot}, warp_select(in{i}, {slot}, [&](u32 x) {{ return {keep}; }})}};"
                ));
                self.for_each(i);
                false
            }
            RawSource::Computed { .. } => {
                // Later steps reuse this intersection: store it within the bounds they all
                // apply (the plan's raw bounds), window it to this step's own here.
                let (raw_lo, raw_hi) = id_window(&step.raw_lower, &step.raw_upper, i);
                self.line(&format!("const u32 rlo{i} = {raw_lo}, rhi{i} = {raw_hi};"));
                let inputs = self.inputs(i, Some(format!("rlo{i}, rhi{i}")));
                let slot = self.slot();
                self.line(&format!(
                    "const Set in{i}[{}] = {{{}}};",
                    inputs.len(),
                    inputs.join(", ")
                ));
                self.line(&format!(
                    "const Set r{i} = Set{{{slot}, warp_select(in{i}, {slot}, [&](u32) {{ return true; }})}};"
                ));
                self.line(&format!("const Set c{i} = window(r{i}, lo{i}, hi{i});"));
                self.for_each(i);
                true
            }
        };
        self.indent += 1;
        if filtered && keep != "true" {
            self.line(&format!(
                "if (!({})) continue;",
                subst(&keep, &format!("m{i}"))
            ));
        }
        self.level(i + 1);
        self.indent -= 1;
        self.line("}");
        self.indent -= 1;
        self.line("}");
    }

    fn for_each(&mut self, i: usize) {
        self.line(&format!(
            "for (u32 i{i} = 0; i{i} < c{i}.n; ++i{i}) {{ const u32 m{i} = c{i}.p[i{i}];"
        ));
    }

    /// The last depth, counted from the size of its candidate set.
    fn count_step(&mut self, i: usize) {
        let step = &self.plan.steps[i];
        let (lo, hi) = bounds(step, i);
        let keep = self.keep(i, &step.exclude);
        self.line(&format!("{{ // depth {i}: v{}, counted", step.vertex));
        self.indent += 1;
        self.line(&format!("const u32 lo{i} = {lo}, hi{i} = {hi};"));
        if step.raw == RawSource::Universe {
            self.line(&format!(
                "acc.add(warp_count_range(lo{i}, min(hi{i}, g.n), [&](u32 x) {{ return {keep}; }}));"
            ));
        } else {
            let inputs = self.inputs(i, Some(format!("lo{i}, hi{i}")));
            self.line(&format!(
                "const Set in{i}[{}] = {{{}}};",
                inputs.len(),
                inputs.join(", ")
            ));
            self.line(&format!(
                "acc.add(warp_count(in{i}, [&](u32 x) {{ return {keep}; }}));"
            ));
        }
        self.indent -= 1;
        self.line("}");
    }

    /// A counting tail of several vertices: inclusion–exclusion over the groups' set sizes.
    fn tail(&mut self, t: &Tail) {
        let start = t.start;
        let prefix: Vec<usize> = (0..start).collect();
        self.line(&format!("{{ // depths {start}..: counting tail"));
        self.indent += 1;
        let single = t.groups.len() == 1;
        // Per group its set S_g (bounds from the prefix only; matched vertices still in it).
        for (g, group) in t.groups.iter().enumerate() {
            let step = &self.plan.steps[group[0]];
            let (lo, hi) = bounds(step, start);
            let lists: Vec<String> = step
                .intersect
                .iter()
                .map(|d| format!("window(nbrs(g, m{d}), {lo}, {hi})"))
                .collect();
            self.line(&format!(
                "const Set t{g}in[{}] = {{{}}};",
                lists.len(),
                lists.join(", ")
            ));
            if single {
                // One group: every block is that group's set, counted without materialising it.
                let keep = self.keep(group[0], &prefix);
                self.line(&format!(
                    "const u64 b1 = warp_count(t{g}in, [&](u32 x) {{ return {keep}; }});"
                ));
            } else {
                let keep = self.keep(group[0], &[]);
                let slot = self.slot();
                self.line(&format!(
                    "const Set t{g} = Set{{{slot}, warp_select(t{g}in, {slot}, [&](u32 x) {{ return {keep}; }})}};"
                ));
            }
        }
        let mut masks: Vec<u32> = t.terms.iter().flat_map(|(_, m)| m.clone()).collect();
        masks.sort_unstable();
        masks.dedup();
        if !single {
            let unmatched = excluded(&prefix);
            for &mask in &masks {
                let sets: Vec<String> = (0..t.groups.len())
                    .filter(|g| mask >> g & 1 == 1)
                    .map(|g| format!("t{g}"))
                    .collect();
                self.line(&format!(
                    "const Set bin{mask}[{}] = {{{}}};",
                    sets.len(),
                    sets.join(", ")
                ));
                self.line(&format!(
                    "const u64 b{mask} = warp_count(bin{mask}, [&](u32 x) {{ return {unmatched}; }});"
                ));
            }
        }
        self.line("__int128 ordered = 0;");
        for (coef, blocks) in &t.terms {
            let product: String = blocks.iter().map(|m| format!(" * b{m}")).collect();
            self.line(&format!("ordered += (__int128)({coef}ll){product};"));
        }
        self.line(&format!(
            "acc.add_ordered(ordered, {}ull, {}ull);",
            t.divisor, t.multiplier
        ));
        self.indent -= 1;
        self.line("}");
    }

    /// Set expressions whose intersection is step `i`'s raw candidate set.
    /// Step `i`'s input sets, each windowed to `window` (`"lo, hi"`) when given.
    fn inputs(&self, i: usize, window: Option<String>) -> Vec<String> {
        let wrap = |set: String| match &window {
            Some(w) => format!("window({set}, {w})"),
            None => set,
        };
        match &self.plan.steps[i].raw {
            RawSource::Universe => unreachable!("universe steps are ranges"),
            RawSource::List(d) => vec![wrap(format!("nbrs(g, m{d})"))],
            RawSource::Alias(j) => vec![wrap(format!("r{j}"))],
            RawSource::Computed { from, lists } => from
                .iter()
                .map(|j| format!("r{j}"))
                .chain(lists.iter().map(|d| format!("nbrs(g, m{d})")))
                .map(wrap)
                .collect(),
        }
    }

    /// The per-candidate test of step `i` on `x`: label, anti-edge partners' lists, and the
    /// matched vertices at `skip` that may reappear.
    fn keep(&self, i: usize, skip: &[usize]) -> String {
        let step: &Step = &self.plan.steps[i];
        let mut terms = Vec::new();
        if let Label::Is(l) = step.label {
            terms.push(format!("has_label(g, x, {l}u)"));
        }
        for d in &step.subtract {
            terms.push(format!("!contains(nbrs(g, m{d}), x)"));
        }
        let unmatched = excluded(skip);
        if unmatched != "true" {
            terms.push(unmatched);
        }
        if terms.is_empty() {
            "true".to_string()
        } else {
            terms.join(" && ")
        }
    }
}

/// `x` differs from the vertices matched at `depths`.
fn excluded(depths: &[usize]) -> String {
    if depths.is_empty() {
        return "true".to_string();
    }
    depths
        .iter()
        .map(|d| format!("x != m{d}"))
        .collect::<Vec<_>>()
        .join(" && ")
}

/// The id window `[lo, hi)` of `step` from its restrictions on depths below `limit`, as C
/// expressions (`0xffffffffu`: unbounded above).
fn bounds(step: &Step, limit: usize) -> (String, String) {
    id_window(&step.lower, &step.upper, limit)
}

/// The id window `[lo, hi)` (C expressions) that the vertices matched at `lower` / `upper`
/// (those below depth `limit`) impose.
fn id_window(lower: &[usize], upper: &[usize], limit: usize) -> (String, String) {
    let mut lo = "0u".to_string();
    for d in lower.iter().filter(|&&d| d < limit) {
        lo = if lo == "0u" {
            format!("m{d} + 1u")
        } else {
            format!("max({lo}, m{d} + 1u)")
        };
    }
    let mut hi = "0xffffffffu".to_string();
    for d in upper.iter().filter(|&&d| d < limit) {
        hi = if hi == "0xffffffffu" {
            format!("m{d}")
        } else {
            format!("min({hi}, m{d})")
        };
    }
    (lo, hi)
}

/// `keep` (an expression in `x`) applied to the variable `var`.
fn subst(keep: &str, var: &str) -> String {
    if keep == "true" {
        return keep.to_string();
    }
    format!("[&](u32 x) {{ return {keep}; }}({var})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Pattern;

    fn kernel(text: &str) -> Kernel {
        let pattern = Pattern::parse(text).unwrap();
        generate(&Plan::new(&pattern, None, PlanOptions::default())).unwrap()
    }

    #[test]
    fn triangle_counts_its_last_vertex_from_an_intersection() {
        let k = kernel("triangle");
        assert!(k.edge_units, "a triangle enumerates edges");
        assert_eq!(k.slots, 0, "the last level is counted, not stored");
        let s = &k.source;
        assert!(
            s.contains("if (m1 < m0 + 1u"),
            "v1 > v0 restriction as an id bound:\n{s}"
        );
        assert!(s.contains("warp_count(in2"), "{s}");
        assert!(s.contains("window(nbrs(g, m0), lo2, hi2)"), "{s}");
        assert!(s.contains("window(nbrs(g, m1), lo2, hi2)"), "{s}");
        assert!(s.contains("#define SAKER_EDGE_UNITS 1"), "{s}");
        assert!(s.contains("lowered to the general plan"), "{s}");
        assert!(
            s.contains("extern \"C\" __global__ void saker_count"),
            "{s}"
        );
    }

    #[test]
    fn five_clique_materialises_two_levels_and_counts_the_last() {
        let k = kernel("clique:5");
        assert!(k.edge_units);
        assert_eq!(k.slots, 2, "depths 2 and 3 are stored: {}", k.source);
        let s = &k.source;
        for d in 2..4 {
            assert!(
                s.contains(&format!("for (u32 i{d} = 0; i{d} < c{d}.n; ++i{d})")),
                "{s}"
            );
        }
        assert!(s.contains("warp_count(in4"), "{s}");
        assert!(!s.contains("for (u32 i4"), "{s}");
    }

    #[test]
    fn anti_edges_become_differences_and_labels_filters() {
        // A labelled wedge whose ends must not be adjacent.
        let k = kernel("0:1-1:2-2:1 0~2");
        assert!(k.needs_labels);
        let s = &k.source;
        assert!(
            s.contains("!contains(nbrs(g, m"),
            "anti-edge as a difference:\n{s}"
        );
        assert!(s.contains("has_label(g, x, 1u)"), "{s}");
        assert!(s.contains("has_label(g, x, 2u)"), "{s}");
    }

    #[test]
    fn stars_count_their_leaves_by_inclusion_exclusion() {
        let k = kernel("star:4");
        assert!(!k.edge_units, "the centre's leaves are all counted");
        let s = &k.source;
        assert!(s.contains("counting tail"), "{s}");
        assert!(s.contains("acc.add_ordered(ordered, 6ull"), "{s}");
        assert!(s.contains("const u64 b1 = warp_count"), "{s}");
    }

    #[test]
    fn disconnected_patterns_loop_over_a_vertex_range() {
        let k = kernel("0-1 2-3");
        let s = &k.source;
        assert!(s.contains("min(hi") && s.contains("g.n"), "{s}");
    }

    #[test]
    fn anti_vertices_are_a_clear_error() {
        let pattern = Pattern::parse("0-1-2-0 0-!3-1").unwrap();
        let err = generate(&Plan::new(&pattern, None, PlanOptions::default())).unwrap_err();
        assert!(err.to_string().contains("anti-vertices"), "{err}");
    }

    #[test]
    fn single_vertex_patterns_count_vertices() {
        let pattern = Pattern::from_edges(1, &[]).unwrap();
        let k = generate(&Plan::new(&pattern, None, PlanOptions::default())).unwrap();
        assert!(k.source.contains("acc.add(1);"), "{}", k.source);
        assert!(!k.edge_units);
    }
}
