"""Agency forms: generated from :mod:`templates.form_layout`, plus the sample (dữ liệu mẫu) forms."""
