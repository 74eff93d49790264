// Generated from identify 2.5.17 (the library pre-commit classifies files with): its
// extension, file-name and interpreter tables, as `key:tag,tag` entries separated by spaces.

/** Lower-case extension (without the dot) -> tags. */
export const EXTENSION_TAGS = [
  'adoc:asciidoc,text ai:adobe-illustrator,binary aj:aspectj,text apinotes:apinotes,text asar:asar,binary',
  'asciidoc:asciidoc,text avif:avif,binary,image bash:bash,shell,text bat:batch,text bats:bash,bats,shell,text',
  'bib:bib,text bmp:binary,bitmap,image bz2:binary,bzip2 bzl:bazel,text c:c,text cc:c++,text cfg:text chs:c2hs,text',
  'cjs:javascript,text clj:clojure,text cljc:clojure,text cljs:clojure,clojurescript,text cmake:cmake,text cnf:text',
  'coffee:coffee,text conf:text cpp:c++,text cr:crystal,text crt:pem,text cs:c#,text csh:csh,shell,text',
  'cson:cson,text csproj:csproj,text,xml css:css,text csv:csv,text cu:cuda,text cue:cue,text cuh:cuda,text',
  'cxx:c++,text cylc:cylc,text dart:dart,text dbc:dbc,text def:def,text dll:binary dtd:dtd,text ear:binary,jar,zip',
  'edn:clojure,edn,text ejs:ejs,text env:dotenv,text eot:binary,eot eps:binary,eps erb:erb,text erl:erlang,text',
  'exe:binary eyaml:text,yaml f03:fortran,text f08:fortran,text f90:fortran,text f95:fortran,text',
  'feature:gherkin,text fish:fish,text fits:binary,fits gd:gdscript,text gemspec:ruby,text',
  'geojson:geojson,json,text gif:binary,gif,image go:go,text gotmpl:gotmpl,text gpx:gpx,text,xml gradle:groovy,text',
  'graphql:graphql,text groovy:groovy,text gyb:gyb,text gyp:gyp,python,text gypi:gyp,python,text gz:binary,gzip',
  'h:c,c++,header,text hbs:handlebars,text hcl:hcl,text hh:c++,header,text hpp:c++,header,text hrl:erlang,text',
  'hs:haskell,text htm:html,text html:html,text hxx:c++,header,text icns:binary,icns ico:binary,icon',
  'ics:icalendar,text idl:idl,text idr:idris,text inc:inc,text ini:ini,text inl:c++,inl,text ino:c++,ino,text',
  'inx:inx,text,xml ipynb:jupyter,text j2:jinja,text jade:jade,text jar:binary,jar,zip java:java,text',
  'jenkins:groovy,jenkins,text jenkinsfile:groovy,jenkins,text jinja:jinja,text jinja2:jinja,text jl:julia,text',
  'jpeg:binary,image,jpeg jpg:binary,image,jpeg js:javascript,text json:json,text json5:json5,text',
  'jsonld:json,jsonld,text jsonnet:jsonnet,text jsx:jsx,text key:pem,text kml:kml,text,xml kt:kotlin,text',
  'kts:kotlin,text lean:lean,text lektorproject:ini,lektorproject,text less:less,text lfm:lazarus,lazarus-form,text',
  'lhs:literate-haskell,text libsonnet:jsonnet,text lidr:idris,text liquid:liquid,text lpi:lazarus,text,xml',
  'lpr:lazarus,pascal,text lr:lektor,text lua:lua,text m:objective-c,text m4:m4,text make:makefile,text',
  'manifest:manifest,text map:map,text markdown:markdown,text md:markdown,text mdx:mdx,text meson:meson,text',
  'mib:mib,text mjs:javascript,text mk:makefile,text ml:ocaml,text mli:ocaml,text mm:c++,objective-c++,text',
  'modulemap:modulemap,text mscx:musescore,text,xml mscz:binary,musescore,zip myst:myst,text ngdoc:ngdoc,text',
  'nim:nim,text nimble:nimble,text nims:nim,text nix:nix,text njk:nunjucks,text otf:binary,otf p12:binary,p12',
  'pas:pascal,text patch:diff,text pdf:binary,pdf pem:pem,text php:php,text php4:php,text php5:php,text',
  'phtml:php,text pl:perl,text plantuml:plantuml,text pm:perl,text png:binary,image,png po:pofile,text',
  'pp:puppet,text prisma:prisma,text properties:java-properties,text proto:proto,text ps1:powershell,text',
  'pug:pug,text puml:plantuml,text purs:purescript,text pxd:cython,text pxi:cython,text py:python,text pyi:pyi,text',
  'pyproj:pyproj,text,xml pyx:cython,text pyz:binary,pyz pyzw:binary,pyz qml:qml,text r:r,text rake:ruby,text',
  'rb:ruby,text resx:resx,text,xml rng:relax-ng,text,xml rs:rust,text rst:rst,text s:asm,text sass:sass,text',
  'sbt:sbt,scala,text sc:scala,text scala:scala,text scm:scheme,text scss:scss,text sh:shell,text sln:sln,text',
  'sls:salt,text so:binary sol:solidity,text spec:spec,text sql:sql,text ss:scheme,text sty:tex,text',
  'styl:stylus,text sv:system-verilog,text svelte:svelte,text svg:image,svg,text,xml svh:system-verilog,text',
  'swf:binary,swf swift:swift,text swiftdeps:swiftdeps,text tac:python,text,twisted tar:binary,tar tex:tex,text',
  'tf:terraform,text tfvars:terraform,text tgz:binary,gzip thrift:text,thrift tiff:binary,image,tiff toml:text,toml',
  'ts:text,ts tsv:text,tsv tsx:text,tsx ttf:binary,ttf twig:text,twig txsprofile:ini,text,txsprofile',
  'txt:plain-text,text urdf:text,urdf,xml v:text,verilog vb:text,vb vbproj:text,vbproj,xml vcxproj:text,vcxproj,xml',
  'vdx:text,vdx vh:text,verilog vhd:text,vhdl vim:text,vim vtl:text,vtl vue:text,vue war:binary,jar,zip',
  'wav:audio,binary,wav webp:binary,image,webp whl:binary,wheel,zip wkt:text,wkt woff:binary,woff',
  'woff2:binary,woff2 wsgi:python,text,wsgi xhtml:html,text,xhtml,xml xml:text,xml xq:text,xquery xql:text,xquery',
  'xqm:text,xquery xqu:text,xquery xquery:text,xquery xqy:text,xquery xsd:text,xml,xsd xsl:text,xml,xsl',
  'yaml:text,yaml yamlld:text,yaml,yamlld yang:text,yang yin:text,xml,yin yml:text,yaml zcml:text,xml,zcml',
  'zig:text,zig zip:binary,zip zpt:text,zpt zsh:shell,text,zsh',
].join(' ');

/** Extensions whose text or binary nature needs the content. */
export const UNCERTAIN_EXTENSION_TAGS = [
  'plist:plist ppm:image,ppm',
].join(' ');

/** File name, or one dot-separated part of it (`Dockerfile.dev`) -> tags. */
export const NAME_TAGS = [
  '.babelrc:babelrc,json,text .bash_aliases:bash,shell,text .bash_profile:bash,shell,text .bashrc:bash,shell,text',
  '.bazelrc:bazelrc,text .bowerrc:bowerrc,json,text .browserslistrc:browserslistrc,text .clang-format:text,yaml',
  '.clang-tidy:text,yaml .codespellrc:codespellrc,ini,text .coveragerc:coveragerc,ini,text .cshrc:csh,shell,text',
  '.csslintrc:csslintrc,json,text .dockerignore:dockerignore,text .editorconfig:editorconfig,text',
  '.flake8:flake8,ini,text .gitattributes:gitattributes,text .gitconfig:gitconfig,ini,text',
  '.gitignore:gitignore,text .gitlint:gitlint,ini,text .gitmodules:gitmodules,text .hgrc:hgrc,ini,text',
  '.isort.cfg:ini,isort,text .jshintrc:jshintrc,json,text .mailmap:mailmap,text .mention-bot:json,mention-bot,text',
  '.npmignore:npmignore,text .pdbrc:pdbrc,python,text .prettierignore:gitignore,prettierignore,text',
  '.pypirc:ini,pypirc,text .rstcheck.cfg:ini,text .yamllint:text,yaml,yamllint .zlogin:shell,text,zsh',
  '.zlogout:shell,text,zsh .zprofile:shell,text,zsh .zshenv:shell,text,zsh .zshrc:shell,text,zsh',
  'AUTHORS:plain-text,text BUILD:bazel,text BUILD.bazel:bazel,text CHANGELOG:plain-text,text',
  'CMakeLists.txt:cmake,text CONTRIBUTING:plain-text,text COPYING:plain-text,text Dockerfile:dockerfile,text',
  'GNUmakefile:makefile,text Gemfile:ruby,text Gemfile.lock:text Jenkinsfile:groovy,jenkins,text',
  'LICENSE:plain-text,text MAINTAINERS:plain-text,text Makefile:makefile,text NEWS:plain-text,text',
  'NOTICE:plain-text,text PATENTS:plain-text,text PKGBUILD:alpm,bash,pkgbuild,text Pipfile:text,toml',
  'Pipfile.lock:json,text README:plain-text,text Rakefile:ruby,text WORKSPACE:bazel,text go.mod:go-mod,text',
  'go.sum:go-sum,text makefile:makefile,text meson.build:meson,text meson_options.txt:meson,text',
  'poetry.lock:text,toml pylintrc:ini,pylintrc,text rebar.config:erlang,text setup.cfg:ini,text',
  'sys.config:erlang,text sys.config.src:erlang,text wscript:python,text',
].join(' ');

/** Interpreter of a `#!` line -> tags. */
export const INTERPRETER_TAGS = [
  'ash:ash,shell awk:awk bash:bash,shell bats:bash,bats,shell cbsd:cbsd,shell csh:csh,shell dash:dash,shell',
  'expect:expect ksh:ksh,shell node:javascript nodejs:javascript perl:perl python:python python2:python,python2',
  'python3:python,python3 ruby:ruby sh:sh,shell tcsh:shell,tcsh zsh:shell,zsh',
].join(' ');
