// Validates a CloudFormation/SAM template with npm cfn-lint 1.9.7, whose bundled resource specification (2019) is
// replaced by the one of @aws-cdk/cfnspec, then prints cfn-lint's result as one JSON object.
// Usage: node lint.js TEMPLATE [PARAMETERS_JSON]
'use strict';
const fs = require('fs');
const path = require('path');

const [templatePath, parametersJson] = process.argv.slice(2);
if (!templatePath) {
  console.error('usage: node lint.js TEMPLATE [PARAMETERS_JSON]');
  process.exit(2);
}
const current = path.join(__dirname, 'node_modules', '@aws-cdk', 'cfnspec', 'spec', 'specification.json');
const bundled = path.join(__dirname, 'node_modules', 'cfn-lint', 'data', 'aws_resources_specification.json');
// cfn-lint reads its specification when it is first required, so the file is swapped before that.
if (fs.readFileSync(bundled).compare(fs.readFileSync(current)) !== 0) {
  fs.copyFileSync(current, bundled);
}
const cfnLint = require('cfn-lint');
const result = cfnLint.validateFile(templatePath, {
  parameters: parametersJson ? JSON.parse(parametersJson) : {},
  pseudoParameters: {},
  guessParameters: [],
});
process.stdout.write(JSON.stringify(result, null, 1) + '\n');
