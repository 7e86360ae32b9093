//! Parquet (feature `parquet`): string and integer columns are read batch by batch with the
//! Apache Arrow reader; every cell is scanned and attributed to its (row, column), and columns are
//! classified like CSV columns (header name + share of matching rows).

use super::delimited::{ColumnStats, classify_column};
use crate::dataset::{Aggregator, Column, Location};
use crate::engine::Engine;
use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// Largest number of rows read from one file (a bound on work for hostile inputs).
const MAX_ROWS: u64 = 50_000_000;

fn cell(col: &ArrayRef, i: usize) -> Option<Vec<u8>> {
    if col.is_null(i) {
        return None;
    }
    match col.data_type() {
        DataType::Utf8 => Some(col.as_string::<i32>().value(i).as_bytes().to_vec()),
        DataType::LargeUtf8 => Some(col.as_string::<i64>().value(i).as_bytes().to_vec()),
        DataType::Utf8View => Some(col.as_string_view().value(i).as_bytes().to_vec()),
        DataType::Binary => Some(col.as_binary::<i32>().value(i).to_vec()),
        DataType::Int64 => Some(col.as_primitive::<Int64Type>().value(i).to_string().into_bytes()),
        DataType::Int32 => Some(col.as_primitive::<Int32Type>().value(i).to_string().into_bytes()),
        _ => None,
    }
}

/// Classify a Parquet file held in memory; returns the columns and the number of rows read.
pub fn aggregate(bytes: &[u8], engine: &Engine, agg: &mut Aggregator) -> Result<(Vec<Column>, u64), String> {
    let data = bytes::Bytes::copy_from_slice(bytes);
    let builder = ParquetRecordBatchReaderBuilder::try_new(data).map_err(|e| format!("invalid Parquet file: {e}"))?;
    let names: Vec<String> = builder.schema().fields().iter().map(|f| f.name().clone()).collect();
    let reader = builder
        .with_batch_size(4096)
        .build()
        .map_err(|e| format!("cannot read Parquet: {e}"))?;
    let mut cols: Vec<ColumnStats> = names
        .iter()
        .map(|n| ColumnStats {
            name: n.clone(),
            ..Default::default()
        })
        .collect();
    let mut row = 0u64;
    for batch in reader {
        let batch = batch.map_err(|e| format!("row {}: invalid Parquet data: {e}", row + 1))?;
        for r in 0..batch.num_rows() {
            row += 1;
            for (c, col) in batch.columns().iter().enumerate() {
                let Some(value) = cell(col, r) else { continue };
                let Some(stats) = cols.get_mut(c) else { continue };
                if value.is_empty() {
                    continue;
                }
                stats.non_empty += 1;
                for hit in &engine.scan(&value) {
                    stats.count(row, hit);
                    let name = &stats.name;
                    agg.add(&value, hit, || Location::Cell { row, column: name.clone() });
                }
            }
        }
        if row >= MAX_ROWS {
            tracing::warn!(rows = row, "stopping after the row limit");
            break;
        }
    }
    let columns = cols.into_iter().enumerate().map(|(i, c)| classify_column(i, c, agg)).collect();
    Ok((columns, row))
}
