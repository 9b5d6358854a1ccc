import numpy as np


def perceptron_train(X, y, lr=0.1, epochs=50, seed=0):
    """Mistake: errors[e] counts the samples the end-of-epoch weights get wrong, not the mistakes made during the epoch."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int).ravel()
    n, d = X.shape
    rng = np.random.default_rng(seed)
    w = np.zeros(d)
    b = 0.0
    errors = []
    for _ in range(epochs):
        for i in rng.permutation(n):
            delta = int(y[i] - step(X[i] @ w + b))
            w = w + lr * delta * X[i]
            b = b + lr * delta
        errors.append(int(np.sum(step(X @ w + b) != y)))
    return w, float(b), errors
