// placeholder so the module builds; real code lands in its issue
