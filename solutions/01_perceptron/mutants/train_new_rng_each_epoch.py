import numpy as np


def perceptron_train(X, y, lr=0.1, epochs=50, seed=0):
    """Mistake: makes a new generator every epoch, so every epoch visits the samples in the
    same order (the lab asks for one generator created once)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int).ravel()
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for i in np.random.default_rng(seed).permutation(n):
            delta = int(y[i] - step(X[i] @ w + b))
            if delta != 0:
                w = w + lr * delta * X[i]
                b = b + lr * delta
                mistakes += 1
        errors.append(mistakes)
    return w, float(b), errors
