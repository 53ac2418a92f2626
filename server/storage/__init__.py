"""Where attachment bytes live: one seam (base.ObjectStore), a directory or an S3 bucket."""
