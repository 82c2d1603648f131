question = Do you need help?
done = All done!
