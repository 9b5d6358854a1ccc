def conv_output_size(n, f, p=0, s=1):
    """Mistake: true division without the floor, so non-dividing strides give fractions."""
    return (n + 2 * p - f) / s + 1
