import inspect

import numpy as np


def minimize(step, grad_fn, w0, steps, **hyper):
    """Mistake: starts every step from fresh zero state and t = 1, so no momentum or averages build up."""
    w = np.array(w0, dtype=np.float64)
    names = list(inspect.signature(step).parameters)
    state_names = names[2:names.index("lr")]
    trajectory = [w.copy()]
    for _ in range(steps):
        g = np.asarray(grad_fn(w), dtype=np.float64)
        kwargs = {name: (1 if name == "t" else np.zeros_like(w)) for name in state_names}
        out = step(w, g, **kwargs, **hyper)
        w = np.array(out[0] if len(state_names) else out, dtype=np.float64)
        trajectory.append(w.copy())
    return np.array(trajectory)
