//! A small, seeded isolation forest (Liu, Ting & Zhou, 2008) over window feature vectors.
//!
//! Deterministic (a fixed-seed xorshift generator), serialisable with the model, and explainable
//! enough for its job: one extra signal that a window's *combination* of volumes is unusual even
//! when no single count crosses its percentile.

use serde::{Deserialize, Serialize};

/// Trees per forest and rows per tree (the paper's defaults).
pub const TREES: usize = 100;
pub const SAMPLE: usize = 256;

#[derive(Debug, Clone, Serialize, Deserialize)]
enum Node {
    Leaf {
        size: u32,
    },
    Split {
        feature: u16,
        value: f64,
        left: u32,
        right: u32,
    },
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Tree {
    nodes: Vec<Node>,
}

/// A trained forest; `score` is 0.5 for ordinary points and approaches 1 for isolated ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IsolationForest {
    trees: Vec<Tree>,
    sample: usize,
}

/// xorshift64* — tiny, fast, deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Average path length of an unsuccessful BST search among `n` points: c(n) in the paper.
fn c(n: usize) -> f64 {
    match n {
        0 | 1 => 0.0,
        2 => 1.0,
        n => {
            let n = n as f64;
            2.0 * ((n - 1.0).ln() + 0.577_215_664_9) - 2.0 * (n - 1.0) / n
        }
    }
}

impl IsolationForest {
    /// Train on `rows` (all the same width) with a fixed `seed`. An empty input gives an empty
    /// forest, whose score is always 0.5 (no opinion).
    pub fn fit(rows: &[Vec<f64>], seed: u64) -> Self {
        if rows.is_empty() {
            return Self::default();
        }
        let mut rng = Rng(seed | 1);
        let sample = rows.len().min(SAMPLE);
        let limit = (sample as f64).log2().ceil() as usize;
        let trees = (0..TREES)
            .map(|_| {
                let mut idx: Vec<usize> = (0..sample).map(|_| rng.below(rows.len())).collect();
                let mut tree = Tree::default();
                build(&mut tree, rows, &mut idx, 0, limit, &mut rng);
                tree
            })
            .collect();
        Self { trees, sample }
    }

    /// Anomaly score in (0, 1): 2^(-E[h(x)] / c(sample)).
    pub fn score(&self, x: &[f64]) -> f64 {
        if self.trees.is_empty() || self.sample < 2 {
            return 0.5;
        }
        let mean: f64 =
            self.trees.iter().map(|t| path_length(t, x)).sum::<f64>() / self.trees.len() as f64;
        2f64.powf(-mean / c(self.sample))
    }
}

/// Scores already computed, by feature vector: windows of one identity often have identical
/// features (one call, no error, ...), and a score is a pure function of them.
#[derive(Default)]
pub struct ScoreMemo {
    known: crate::fasthash::FastMap<Box<[u64]>, f64>,
}

impl ScoreMemo {
    /// [`IsolationForest::score`] of `x`, computed once per distinct `x`.
    pub fn score(&mut self, forest: &IsolationForest, x: &[f64]) -> f64 {
        let bits: Box<[u64]> = x.iter().map(|v| v.to_bits()).collect();
        *self.known.entry(bits).or_insert_with(|| forest.score(x))
    }
}

fn build(
    tree: &mut Tree,
    rows: &[Vec<f64>],
    idx: &mut [usize],
    depth: usize,
    limit: usize,
    rng: &mut Rng,
) -> u32 {
    let me = tree.nodes.len() as u32;
    let width = rows.first().map_or(0, Vec::len);
    if depth >= limit || idx.len() <= 1 || width == 0 {
        tree.nodes.push(Node::Leaf {
            size: idx.len() as u32,
        });
        return me;
    }
    // Pick a feature that still varies among these rows (a few tries), then a split value in range.
    for _ in 0..width * 2 {
        let f = rng.below(width);
        let (lo, hi) = idx
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &i| {
                let v = rows[i].get(f).copied().unwrap_or(0.0);
                (lo.min(v), hi.max(v))
            });
        if hi > lo {
            let value = lo + rng.unit() * (hi - lo);
            let mut split = 0;
            for k in 0..idx.len() {
                if rows[idx[k]].get(f).copied().unwrap_or(0.0) < value {
                    idx.swap(k, split);
                    split += 1;
                }
            }
            tree.nodes.push(Node::Leaf { size: 0 }); // placeholder, replaced below
            let (l, r) = idx.split_at_mut(split);
            let left = build(tree, rows, l, depth + 1, limit, rng);
            let right = build(tree, rows, r, depth + 1, limit, rng);
            tree.nodes[me as usize] = Node::Split {
                feature: f as u16,
                value,
                left,
                right,
            };
            return me;
        }
    }
    tree.nodes.push(Node::Leaf {
        size: idx.len() as u32,
    });
    me
}

fn path_length(tree: &Tree, x: &[f64]) -> f64 {
    let mut at = 0usize;
    let mut depth = 0.0;
    // Bounded walk: a corrupt model file can never loop forever.
    for _ in 0..tree.nodes.len() {
        match tree.nodes.get(at) {
            Some(Node::Split {
                feature,
                value,
                left,
                right,
            }) => {
                let v = x.get(*feature as usize).copied().unwrap_or(0.0);
                at = if v < *value { *left } else { *right } as usize;
                depth += 1.0;
            }
            Some(Node::Leaf { size }) => return depth + c(*size as usize),
            None => break,
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlier_scores_higher_than_inliers_and_is_deterministic() {
        let mut rng = Rng(7);
        let rows: Vec<Vec<f64>> = (0..1000).map(|_| vec![rng.unit(), rng.unit()]).collect();
        let f = IsolationForest::fit(&rows, 42);
        let inlier = f.score(&[0.5, 0.5]);
        let outlier = f.score(&[8.0, -3.0]);
        assert!(
            outlier > 0.6 && inlier < 0.5,
            "inlier {inlier}, outlier {outlier}"
        );
        assert_eq!(IsolationForest::fit(&rows, 42).score(&[8.0, -3.0]), outlier);
        assert_eq!(IsolationForest::fit(&[], 1).score(&[1.0]), 0.5);
        let mut memo = ScoreMemo::default();
        assert_eq!(memo.score(&f, &[8.0, -3.0]), outlier);
        assert_eq!(memo.score(&f, &[8.0, -3.0]), outlier);
        assert_eq!(memo.score(&f, &[0.5, 0.5]), inlier);
    }
}
