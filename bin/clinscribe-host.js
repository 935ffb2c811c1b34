#!/usr/bin/env node
'use strict';
require('../dist/host/cli.js');
