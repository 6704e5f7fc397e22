"""Agency forms (generated from one layout declaration) and the intake that reads them back."""
