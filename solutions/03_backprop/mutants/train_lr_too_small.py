def train(X, y, n_hidden=16, lr=0.01, epochs=2000, seed=0):
    """Mistake: a default learning rate of 0.01 is far too small for 2000 full-batch steps."""
    params = init_params(X.shape[1], n_hidden, 1, seed)
    for _ in range(epochs):
        _, cache = forward(X, params)
        grads = backward(X, y, params, cache)
        params = {name: params[name] - lr * grads[name] for name in params}
    return params
