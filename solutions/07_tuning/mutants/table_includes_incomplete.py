def trials_table(tuner):
    """Mistake: every trial gets a row, including running and failed ones (score None)."""
    rows = []
    for trial in tuner.oracle.trials.values():
        row = dict(trial.hyperparameters.values)
        row["score"] = trial.score
        rows.append(row)
    return rows
