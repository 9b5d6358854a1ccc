import numpy as np


def perceptron_train(X, y, lr=0.1, epochs=50, seed=0):
    """Mistake: visits the samples in the same fixed order every epoch and ignores the seed."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int).ravel()
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for i in range(n):
            delta = int(y[i] - step(X[i] @ w + b))
            if delta != 0:
                w = w + lr * delta * X[i]
                b = b + lr * delta
                mistakes += 1
        errors.append(mistakes)
    return w, float(b), errors
