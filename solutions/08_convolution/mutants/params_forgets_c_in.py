def conv_params(f, c_in, c_out, bias=True):
    """Mistake: counts f*f weights per filter, forgetting that each filter spans all c_in channels."""
    return f * f * c_out + (c_out if bias else 0)
