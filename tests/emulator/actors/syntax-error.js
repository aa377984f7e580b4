// Deliberately broken: a build of this source must fail with a readable log that names the syntax error.
console.log('this line is fine');
function broken( {
    return 1;
