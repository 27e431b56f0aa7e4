// replaced by the counter page
