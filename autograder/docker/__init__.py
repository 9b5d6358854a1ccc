"""Container images of the grader (Dockerfile.cpu, Dockerfile.gpu) and their build-time smoke test."""
