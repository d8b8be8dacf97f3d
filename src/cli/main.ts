// The `convshape` command line.
process.stdout.write('convshape: not implemented yet\n');
