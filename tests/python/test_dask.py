"""iop.dask on a distributed.LocalCluster of two worker processes: the single-machine results, exactly."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import iop
import iop.dask
from iop import parity

from scale_data import (CLAIM_ROWS, COHORT_COLUMNS, COST_COLUMNS, COSTS, claims_frame, cohort_frame,
                        decimal_dollars, hand_cells, outcome_cohort)

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield client


def test_claims_aggregate_with_a_tree_reduction(client):
    frame = claims_frame()
    claims = dd.from_pandas(frame, npartitions=9)
    aggregate = iop.dask.claims_aggregate(claims, split_every=2)  # a tree four levels deep
    assert aggregate.cells == hand_cells()
    assert aggregate.rows == CLAIM_ROWS
    assert aggregate == parity.claims_aggregate(frame)
    assert iop.dask.claims_aggregate(claims, split_every=8) == aggregate
    # Both workers did a share of the partitions.
    assert iop.dask.claims_aggregate(claims, compute=False).compute() == aggregate


def test_claims_from_a_parquet_dataset_with_decimal_payments(client, tmp_path):
    frame = claims_frame()
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.set_column(3, "payment", decimal_dollars(frame["payment_cents"].to_numpy()))
    for k, lo in enumerate(range(0, len(frame), len(frame) // 4)):
        pq.write_table(table.slice(lo, len(frame) // 4), tmp_path / f"part-{k}.parquet")
    assert iop.dask.claims_aggregate(str(tmp_path)).cells == hand_cells()
    assert iop.dask.claims_aggregate(str(tmp_path)) == parity.claims_aggregate_parquet(tmp_path)


def test_a_bad_row_is_named_by_its_row_in_the_whole_table(client):
    frame = claims_frame(120)
    frame.loc[100, "level"] = -1
    with pytest.raises(iop.ValidationError) as info:
        iop.dask.claims_aggregate(dd.from_pandas(frame, npartitions=3, sort=False), split_every=2)
    # Row 100 of the table, row 20 of the third partition of 40 rows: named as the single-machine call names it.
    assert info.value.field == "claims.level[100]"
    assert info.value.problem.endswith("(in partitions[2])")
    with pytest.raises(iop.ValidationError) as single:
        parity.claims_aggregate(frame)
    assert single.value.field == "claims.level[100]"


def test_a_missing_start_is_named_by_its_row_in_the_whole_table(client):
    patients = cohort_frame(40)
    patients["start"] = pd.to_datetime(patients["start"])
    patients.loc[33, "start"] = pd.NaT
    result = iop.dask.estimate_costs(dd.from_pandas(patients, npartitions=4, sort=False), columns=COST_COLUMNS,
                                     **COSTS)
    with pytest.raises(iop.ValidationError) as info:
        result.compute()
    assert (info.value.field, info.value.value) == ("start_dates[33]", "NaT")
    assert info.value.problem == "is missing (in partitions[3])"


def test_cohort_estimates_per_partition(client):
    patients = cohort_frame()
    patients["start"] = pd.to_datetime(patients["start"])  # Dask would keep dates as text
    single = iop.estimate_costs(*(patients[COHORT_COLUMNS[p]] for p in ("start_dates", "weeks", "days_per_week")),
                                per_diem_cents=patients["per_diem_cents"], **COSTS)
    result = iop.dask.estimate_costs(dd.from_pandas(patients, npartitions=5), columns=COST_COLUMNS,
                                     **COSTS).compute()
    for name in ("charges_cents", "plan_cents", "patient_cents"):
        assert result[name].dtype == np.int64
        np.testing.assert_array_equal(result[name].to_numpy(), single[name])
    pd.testing.assert_frame_equal(result[patients.columns.tolist()], patients, check_dtype=False)  # Dask: arrow strings
    # Patient 0 by hand: charges are days attended times the per diem.
    assert single["charges_cents"][0] % patients["per_diem_cents"][0] == 0


def test_cohort_calendars_per_partition(client):
    patients = cohort_frame(400)
    patients["start"] = pd.to_datetime(patients["start"])
    single = iop.build_calendars(patients["start"], patients["weeks"], patients["days"])
    sessions = iop.dask.build_calendars(dd.from_pandas(patients, npartitions=4), key="patient",
                                        columns=COHORT_COLUMNS).compute()
    assert len(sessions) == len(single["plan"])
    np.testing.assert_array_equal(sessions["plan"].to_numpy(), patients["patient"].to_numpy()[single["plan"]])
    np.testing.assert_array_equal(sessions["date"].to_numpy().astype("datetime64[D]"), single["date"])
    np.testing.assert_array_equal(sessions["local_start"].to_numpy().astype("datetime64[m]"), single["local_start"])
    np.testing.assert_array_equal(sessions["minutes"].to_numpy(), single["minutes"])
    # The in-process sessions frame's columns, kind and track as text, so iop.plot and iop.weekly_load take it.
    frame = iop.build_calendars(patients["start"], patients["weeks"], patients["days"], as_frame=True)
    assert list(sessions.columns) == list(frame.columns)  # plan holds the patient key
    assert (sessions["kind"].to_numpy() == frame["kind"].astype(str).to_numpy()).all()
    assert (sessions["status"] == "scheduled").all() and set(sessions["track"]) == set(frame["track"].astype(str))
    assert str(sessions["start"].dtype) == "datetime64[ns, UTC]"
    assert (sessions["start"].to_numpy() == frame["start"].dt.tz_convert("UTC").to_numpy()).all()


def test_weekly_load_of_a_dask_calendar_equals_the_in_process_one(client):
    patients = cohort_frame(200)
    patients["start"] = pd.to_datetime(patients["start"])
    lazy = iop.dask.build_calendars(dd.from_pandas(patients, npartitions=4), key="patient", columns=COHORT_COLUMNS)
    local = iop.build_calendars(patients["start"], patients["weeks"], patients["days"], as_frame=True)
    pd.testing.assert_frame_equal(iop.weekly_load(lazy), iop.weekly_load(local))


OUTCOME_OPTIONS = {"as_of": "2026-06-30", "reliability": 0.89, "by": ["program", "track", "delivery"]}


@pytest.mark.parametrize("sd", [None, 5.0])
def test_cohort_outcomes_per_partition_of_patients(client, sd):
    scores, patients = outcome_cohort()
    whole = iop.outcomes.cohort(scores, patients, sd=sd, **OUTCOME_OPTIONS)
    # Scores and patients in different partitionings, neither by patient: iop sets both in patient order.
    shuffled = scores.sample(frac=1.0, random_state=5)
    result = iop.dask.cohort_outcomes(dd.from_pandas(shuffled, npartitions=5), dd.from_pandas(patients, npartitions=3),
                                      sd=sd, split_every=2, **OUTCOME_OPTIONS)
    assert result.groups.equals(whole.groups)
    assert result.reliable_change == whole.reliable_change and result.warnings == whole.warnings
    assert result.reliable_change["sd_source"] == ("given" if sd else "sample SD of the index scores")
    rows = result.patients.compute().reset_index(drop=True)
    expected = whole.patients.sort_values("patient").reset_index(drop=True)
    assert list(rows.columns) == list(expected.columns)
    for column in expected.columns:  # each column equal, nulls in the same rows
        mine, theirs = (f[column].astype(object).where(f[column].notna(), None).tolist() for f in (rows, expected))
        assert mine == theirs, column


def test_a_bad_score_is_named_with_its_partition_and_patient(client):
    scores, patients = outcome_cohort(200)
    scores.loc[scores.index[37], "phq9"] = 31
    with pytest.raises(iop.ValidationError) as raised:
        iop.dask.cohort_outcomes(dd.from_pandas(scores, npartitions=2), dd.from_pandas(patients, npartitions=2),
                                 sd=5.0, **OUTCOME_OPTIONS)
    error = raised.value
    assert error.field.startswith("scores.phq9[") and error.value == "31"
    assert f"of the frames set in patient order: patient '{scores['patient'].iloc[37]}')" in error.problem
    with pytest.raises(iop.ValidationError, match="scores.extra"):
        iop.dask.cohort_outcomes(dd.from_pandas(scores.assign(extra=1), npartitions=2),
                                 dd.from_pandas(patients, npartitions=2), sd=5.0, **OUTCOME_OPTIONS)
    with pytest.raises(TypeError, match="scores: expected a Dask DataFrame"):
        iop.dask.cohort_outcomes(scores, dd.from_pandas(patients, npartitions=2), sd=5.0, **OUTCOME_OPTIONS)


def test_parameters_are_bound_explicitly():
    patients = dd.from_pandas(cohort_frame(10), npartitions=1)
    with pytest.raises(TypeError, match="no parameter 'start'"):
        iop.dask.estimate_costs(patients, columns={"start": "start"})
    with pytest.raises(KeyError, match="column 'begin'"):
        iop.dask.estimate_costs(patients, columns={**COST_COLUMNS, "start_dates": "begin"})
    with pytest.raises(TypeError, match="weeks is neither a column"):
        iop.dask.estimate_costs(patients, columns={"start_dates": "start", "days_per_week": "days"})
    with pytest.raises(TypeError, match="expected a Dask DataFrame"):
        iop.dask.estimate_costs(cohort_frame(10), columns=COST_COLUMNS)
