module iop.invalid/embed

go 1.21
