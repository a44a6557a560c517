#!/usr/bin/env pwsh
#Requires -Version 7.0
# KeyBox build script for PowerShell 7 (Windows, Linux, macOS); mirrors build.sh, keep them in step.
# Run `./build.ps1 help` for the targets and the environment variables it reads.
#
# This is deliberately a *simple* script (no [CmdletBinding()]): everything after the target is taken
# from $args untouched, so dotnet-style switches such as `-v n` or `--filter X` pass through instead of
# being bound to PowerShell's common parameters.
param(
    [string] $Target = 'help'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked explicitly
$ProgressPreference = 'SilentlyContinue'

$Rest = @($args)

$OnWindows = [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
$Exe = if ($OnWindows) { '.exe' } else { '' }

$Root = $PSScriptRoot
$StateDir = Join-Path $Root '.keybox'
$PgData = Join-Path $StateDir 'pg'
$PgLog = Join-Path $StateDir 'pg.log'
$PgPwFile = Join-Path $StateDir 'pg-password'
$PgPort = if ($env:KEYBOX_PG_PORT) { $env:KEYBOX_PG_PORT } else { '55432' }
$PgOsUser = 'postgres'     # owner of the cluster when this script runs as root
$PgRole = 'keybox'         # database superuser created by initdb
$PgDbRun = 'keybox'
$PgDbTest = 'keybox_test'
$RedisDir = Join-Path $StateDir 'redis'
$RedisPort = if ($env:KEYBOX_REDIS_PORT) { $env:KEYBOX_REDIS_PORT } else { '56379' }
$Configuration = if ($env:KEYBOX_CONFIGURATION) { $env:KEYBOX_CONFIGURATION } else { 'Release' }
$Solution = 'KeyBox.sln'
$WebApiProject = 'src/WebApi'

$script:IsRootUser = $false
if (-not $OnWindows) {
    $script:IsRootUser = ((& id -u) -eq '0')
}
$script:PgBin = $null
$script:Psql = $null
$script:PgPassword = $null
$script:PgSockDir = ''
$script:AptUpdated = $false
$script:SavedEnv = @{}

# ----------------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------------

function Write-Step([string] $Message) { [Console]::Error.WriteLine("==> $Message") }
function Write-Warn([string] $Message) { [Console]::Error.WriteLine("==> WARNING: $Message") }
function Stop-Build([string] $Message) { throw [System.InvalidOperationException]::new($Message) }

# Environment changes are undone when the script ends (PowerShell runs scripts in the caller's process).
function Set-Env([string] $Name, $Value) {
    if (-not $script:SavedEnv.ContainsKey($Name)) {
        $script:SavedEnv[$Name] = [Environment]::GetEnvironmentVariable($Name)
    }
    [Environment]::SetEnvironmentVariable($Name, $Value)
}

function Restore-Env {
    foreach ($name in @($script:SavedEnv.Keys)) {
        [Environment]::SetEnvironmentVariable($name, $script:SavedEnv[$name])
    }
}

function Set-EnvDefault([string] $Name, [string] $Value) {
    if (-not [Environment]::GetEnvironmentVariable($Name)) { Set-Env $Name $Value }
}

function Test-IsCI {
    $ci = $env:CI
    return [bool]$ci -and ($ci -notin @('0', 'false', 'False', 'FALSE'))
}

function Test-Command([string] $Name) {
    return [bool](Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue)
}

function Test-MayAutoInstall {
    return $script:IsRootUser -and (Test-Command 'apt-get') -and ((Test-IsCI) -or $env:KEYBOX_AUTO_INSTALL -eq '1')
}

function Get-MaskedConnection([string] $Value) {
    return ($Value -replace '(?i)(password|pwd)=[^;]*', '$1=*****')
}

function Get-RelativePath([string] $Path) {
    return [IO.Path]::GetRelativePath($Root, $Path)
}

# Runs a program attached to this console (no pipes: a daemon started by it cannot hold them open)
# and returns its exit code. -AsPg runs it as the postgres OS user when we are root.
function Invoke-Direct {
    param([string] $FilePath, [string[]] $ArgumentList = @(), [switch] $AsPg)
    if ($AsPg -and $script:IsRootUser) {
        $ArgumentList = @('-u', $PgOsUser, '--', $FilePath) + $ArgumentList
        $FilePath = (Get-Command 'runuser' -CommandType Application | Select-Object -First 1).Source
    }
    $psi = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    $psi.UseShellExecute = $false
    $psi.WorkingDirectory = $Root
    foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
    $process = [System.Diagnostics.Process]::Start($psi)
    $process.WaitForExit()
    return $process.ExitCode
}

# Runs a program and returns @{ Code; Output } with stdout (and stderr when -MergeStderr) as lines.
function Invoke-Capture {
    param([string] $FilePath, [string[]] $ArgumentList = @(), [switch] $AsPg, [switch] $MergeStderr)
    $ErrorActionPreference = 'Continue'
    if ($AsPg -and $script:IsRootUser) {
        $ArgumentList = @('-u', $PgOsUser, '--', $FilePath) + $ArgumentList
        $FilePath = 'runuser'
    }
    if ($MergeStderr) {
        $out = & $FilePath @ArgumentList 2>&1 | ForEach-Object { "$_" }
    }
    else {
        $out = & $FilePath @ArgumentList 2>$null
    }
    return @{ Code = $LASTEXITCODE; Output = @($out | Where-Object { $null -ne $_ }) }
}

function Invoke-AptInstall([string[]] $Packages) {
    Set-Env 'DEBIAN_FRONTEND' 'noninteractive'
    if (-not $script:AptUpdated) {
        Write-Step 'apt-get update'
        if ((Invoke-Direct 'apt-get' @('update')) -ne 0) { return $false }
        $script:AptUpdated = $true
    }
    Write-Step "apt-get install -y $($Packages -join ' ')"
    return ((Invoke-Direct 'apt-get' (@('install', '-y', '--no-install-recommends') + $Packages)) -eq 0)
}

function Initialize-Dotnet {
    Set-EnvDefault 'DOTNET_CLI_TELEMETRY_OPTOUT' '1'
    Set-EnvDefault 'DOTNET_NOLOGO' '1'
    if (Test-Command 'dotnet') { return }
    $candidates = if ($OnWindows) {
        @((Join-Path $env:ProgramFiles 'dotnet'), (Join-Path $env:LOCALAPPDATA 'Microsoft\dotnet'))
    }
    else {
        @('/usr/share/dotnet', (Join-Path $HOME '.dotnet'), '/usr/local/share/dotnet', '/usr/lib/dotnet')
    }
    foreach ($d in $candidates) {
        if (Test-Path -LiteralPath (Join-Path $d "dotnet$Exe")) {
            Set-Env 'PATH' ($d + [IO.Path]::PathSeparator + $env:PATH)
            return
        }
    }
    Stop-Build 'the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK (https://dot.net)'
}

function Assert-Solution {
    if (-not (Test-Path -LiteralPath (Join-Path $Root $script:Solution)) -and (Test-Path -LiteralPath (Join-Path $Root "$($script:Solution)x"))) {
        $script:Solution = "$($script:Solution)x"   # KeyBox.slnx
    }
    if (-not (Test-Path -LiteralPath (Join-Path $Root $script:Solution))) {
        Stop-Build "$($script:Solution) not found in $Root"
    }
}

# ----------------------------------------------------------------------------------------------------
# Private PostgreSQL cluster (.keybox/pg)
# ----------------------------------------------------------------------------------------------------

function Test-PgBin([string] $Dir) {
    if (-not $Dir) { return $false }
    foreach ($name in 'pg_ctl', 'initdb', 'postgres') {
        if (-not (Test-Path -LiteralPath (Join-Path $Dir "$name$Exe") -PathType Leaf)) { return $false }
    }
    return $true
}

function Get-PgBinMajor([string] $Dir) {
    $r = Invoke-Capture (Join-Path $Dir "postgres$Exe") @('--version')
    $m = [regex]::Match(($r.Output -join ' '), '\)\s*(\d+)')
    if ($m.Success) { return $m.Groups[1].Value }
    return ''
}

function Get-VersionKey([string] $Path) {
    $m = [regex]::Match($Path, '(\d+)(?:\.(\d+))?')
    if (-not $m.Success) { return 0 }
    $minor = if ($m.Groups[2].Success) { [int]$m.Groups[2].Value } else { 0 }
    return ([int]$m.Groups[1].Value * 1000 + $minor)
}

# Candidate bin directories, in order of preference.
function Get-PgBinCandidates {
    $list = [System.Collections.Generic.List[string]]::new()
    if ($env:KEYBOX_PG_BIN) { $list.Add($env:KEYBOX_PG_BIN) }
    $pgCtl = Get-Command 'pg_ctl' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($pgCtl) { $list.Add((Split-Path -Parent $pgCtl.Source)) }
    $patterns = if ($OnWindows) {
        @((Join-Path $env:ProgramFiles 'PostgreSQL\*\bin'))
    }
    else {
        @('/usr/lib/postgresql/*/bin', '/usr/pgsql-*/bin', '/opt/homebrew/opt/postgresql@*/bin',
            '/usr/local/opt/postgresql@*/bin', '/Applications/Postgres.app/Contents/Versions/*/bin')
    }
    $dirs = foreach ($p in $patterns) { Get-Item -Path $p -ErrorAction SilentlyContinue | Where-Object { $_.PSIsContainer } }
    # Newest version first.
    foreach ($d in @($dirs | Sort-Object -Descending -Property { Get-VersionKey $_.FullName })) { $list.Add($d.FullName) }
    return , $list
}

# Sets $script:PgBin (and Psql) to the first usable bin directory; returns $false when there is none.
function Find-PgBin {
    $want = ''
    $versionFile = Join-Path $PgData 'PG_VERSION'
    if (Test-Path -LiteralPath $versionFile) { $want = (Get-Content -LiteralPath $versionFile -TotalCount 1).Trim() }
    $script:PgBin = $null
    foreach ($d in (Get-PgBinCandidates)) {
        if (-not (Test-PgBin $d)) { continue }
        # An existing cluster can only be started by binaries of the same major version.
        if ($want -and (Get-PgBinMajor $d) -ne $want) { continue }
        $script:PgBin = $d
        break
    }
    if (-not $script:PgBin) { return $false }

    $psql = Join-Path $script:PgBin "psql$Exe"
    if (Test-Path -LiteralPath $psql) {
        $script:Psql = $psql
    }
    elseif (Test-Command 'psql') {
        $script:Psql = (Get-Command 'psql' -CommandType Application | Select-Object -First 1).Source
    }
    else {
        Stop-Build "psql not found next to $($script:PgBin) nor on PATH"
    }
    return $true
}

function Initialize-PgBin {
    if (Find-PgBin) { return }
    if (Test-MayAutoInstall) {
        Write-Step 'PostgreSQL server binaries not found; installing them'
        if (-not (Invoke-AptInstall @('postgresql'))) { Stop-Build 'apt-get install postgresql failed' }
        if (Find-PgBin) { return }
    }
    $versionFile = Join-Path $PgData 'PG_VERSION'
    if (Test-Path -LiteralPath $versionFile) {
        Stop-Build ("the cluster in $(Get-RelativePath $PgData) was created by PostgreSQL $((Get-Content -LiteralPath $versionFile -TotalCount 1).Trim()), " +
            "and no binaries of that version were found. Install them (set KEYBOX_PG_BIN to their bin directory), or delete the cluster with './build.ps1 clean --all'.")
    }
    $hint = if ($OnWindows) { "install PostgreSQL from https://www.postgresql.org/download/windows/ (found nowhere under $env:ProgramFiles\PostgreSQL\*\bin)" }
    else { "install PostgreSQL (e.g. 'sudo apt-get install postgresql')" }
    Stop-Build ("PostgreSQL server binaries (pg_ctl, initdb, postgres) not found; $hint, set KEYBOX_PG_BIN to its bin directory, " +
        'or set ConnectionStrings__KeyBox / KEYBOX_TEST_CONNECTION_STRING to an existing database.')
}

# When root, the postgres OS user must own the cluster and be able to reach it.
function Initialize-PgOsUser {
    if (-not $script:IsRootUser) { return }
    if ((Invoke-Capture 'id' @('-u', $PgOsUser)).Code -ne 0) {
        if (Test-MayAutoInstall) {
            Write-Step "creating system user $PgOsUser"
            & useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash $PgOsUser
            if ($LASTEXITCODE -ne 0) { Stop-Build "useradd $PgOsUser failed" }
        }
        else {
            Stop-Build "running as root, but there is no '$PgOsUser' OS user to own the cluster (PostgreSQL refuses to run as root). Create it or run as a normal user."
        }
    }
    # Every directory from / down to .keybox must be searchable by postgres.
    $dirs = [System.Collections.Generic.List[string]]::new()
    $dir = $StateDir
    while ($dir) {
        $dirs.Insert(0, $dir)
        $dir = Split-Path -Parent $dir
    }
    foreach ($d in $dirs) {
        if ((Invoke-Capture 'test' @('-x', $d) -AsPg).Code -ne 0) {
            Write-Step "chmod o+x $d (so the $PgOsUser user can reach $PgData)"
            & chmod o+x $d
        }
    }
}

# Give a path to the cluster owner (no-op when not root).
function Set-PgOwner([string] $Path) {
    if ($script:IsRootUser) { & chown "$($PgOsUser):" $Path }
}

function Get-PgSocketDir {
    if ($OnWindows) { return '' }
    $d = Join-Path $StateDir 'pg-run'
    # A Unix socket path is limited to ~107 bytes; fall back to the temp dir for deep checkouts.
    if ($d.Length + 16 -gt 100) {
        $sha = [System.Security.Cryptography.SHA256]::Create()
        $hash = ([BitConverter]::ToString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($Root))) -replace '-', '').Substring(0, 12).ToLowerInvariant()
        $d = Join-Path ([IO.Path]::GetTempPath()) "keybox-pg-$(& id -u)-$hash"
    }
    return $d
}

function New-Password {
    $bytes = [byte[]]::new(24)
    [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
    return (-join ($bytes | ForEach-Object { $_.ToString('x2') }))
}

# Returns $true when a new password was generated.
function Initialize-Password {
    if ((Test-Path -LiteralPath $PgPwFile) -and (Get-Item -LiteralPath $PgPwFile).Length -gt 0) {
        $script:PgPassword = (Get-Content -LiteralPath $PgPwFile -TotalCount 1).Trim()
        return $false
    }
    $script:PgPassword = New-Password
    [IO.File]::WriteAllText($PgPwFile, "$($script:PgPassword)`n")
    if (-not $OnWindows) { & chmod 600 $PgPwFile }
    Write-Step "generated a password for the '$PgRole' role in $(Get-RelativePath $PgPwFile)"
    return $true
}

function Initialize-PgCluster {
    $major = Get-PgBinMajor $script:PgBin
    if (Test-Path -LiteralPath $PgData) {
        Write-Step "removing incomplete cluster directory $PgData"
        Remove-Item -LiteralPath $PgData -Recurse -Force
    }
    Write-Step "initdb: PostgreSQL $major cluster in $(Get-RelativePath $PgData) (binaries: $($script:PgBin))"
    $null = New-Item -ItemType Directory -Path $PgData -Force
    if (-not $OnWindows) { & chmod 700 $PgData }
    Set-PgOwner $PgData
    $pwFile = $PgPwFile
    if ($script:IsRootUser) {
        # initdb runs as postgres and cannot read our 0600 root-owned file: hand it a private copy.
        $pwFile = [IO.Path]::GetTempFileName()
        Copy-Item -LiteralPath $PgPwFile -Destination $pwFile -Force
        & chmod 600 $pwFile
        Set-PgOwner $pwFile
    }
    try {
        $r = Invoke-Capture (Join-Path $script:PgBin "initdb$Exe") @('-D', $PgData, '-U', $PgRole, "--pwfile=$pwFile",
            '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C') -AsPg -MergeStderr
    }
    finally {
        if ($script:IsRootUser) { Remove-Item -LiteralPath $pwFile -Force -ErrorAction SilentlyContinue }
    }
    $initLog = Join-Path $StateDir 'initdb.log'
    Set-Content -LiteralPath $initLog -Value $r.Output
    if ($r.Code -ne 0) {
        $r.Output | Select-Object -Last 20 | ForEach-Object { [Console]::Error.WriteLine($_) }
        Stop-Build "initdb failed (full output in $(Get-RelativePath $initLog))"
    }
}

# Writes .keybox/pg/keybox.conf (included from postgresql.conf). Returns $true when it changed.
function Write-PgConf {
    $conf = Join-Path $PgData 'keybox.conf'
    $main = Join-Path $PgData 'postgresql.conf'
    $sockDir = $script:PgSockDir -replace "'", "''"
    $content = @(
        '# Written by build.sh / build.ps1 on every start; edit the scripts instead.'
        "listen_addresses = '127.0.0.1'"
        "port = $PgPort"
        "unix_socket_directories = '$sockDir'"
        'max_connections = 300'
        'shared_buffers = 128MB'
        'synchronous_commit = off'
    ) -join "`n"
    if (-not (Select-String -LiteralPath $main -Pattern "^include_if_exists = 'keybox.conf'" -Quiet)) {
        [IO.File]::AppendAllText($main, (@('', '# Added by build.ps1', "include_if_exists = 'keybox.conf'", '') -join "`n"))
    }
    if ((Test-Path -LiteralPath $conf) -and ([IO.File]::ReadAllText($conf).TrimEnd() -eq $content)) {
        return $false
    }
    [IO.File]::WriteAllText($conf, "$content`n")
    Set-PgOwner $conf
    return $true
}

function Test-PgRunning {
    if (-not (Test-Path -LiteralPath (Join-Path $PgData 'PG_VERSION'))) { return $false }
    $r = Invoke-Capture (Join-Path $script:PgBin "pg_ctl$Exe") @('status', '-D', $PgData) -AsPg
    return ($r.Code -eq 0)
}

function Stop-PgServer {
    $code = Invoke-Direct (Join-Path $script:PgBin "pg_ctl$Exe") @('stop', '-D', $PgData, '-m', 'fast', '-w', '-t', '60') -AsPg
    if ($code -ne 0) { Stop-Build 'pg_ctl stop failed' }
}

function Start-PgServer {
    if (-not (Test-Path -LiteralPath $PgLog)) { $null = New-Item -ItemType File -Path $PgLog }
    Set-PgOwner $PgLog
    Write-Step "starting PostgreSQL on 127.0.0.1:$PgPort (log: $(Get-RelativePath $PgLog))"
    $timeout = if ($env:KEYBOX_PG_START_TIMEOUT) { $env:KEYBOX_PG_START_TIMEOUT } else { '60' }
    $code = Invoke-Direct (Join-Path $script:PgBin "pg_ctl$Exe") @('start', '-D', $PgData, '-l', $PgLog, '-w', '-t', $timeout) -AsPg
    if ($code -ne 0) {
        Get-Content -LiteralPath $PgLog -Tail 20 -ErrorAction SilentlyContinue | ForEach-Object { [Console]::Error.WriteLine($_) }
        Stop-Build "PostgreSQL did not start (see $(Get-RelativePath $PgLog)). If port $PgPort is taken, set KEYBOX_PG_PORT."
    }
}

# psql over TCP with the password; returns @{ Code; Output }.
function Invoke-PsqlTcp([string] $Database, [string] $Sql) {
    $saved = @{}
    $vars = @{ PGPASSWORD = $script:PgPassword; PGCONNECT_TIMEOUT = '10'; PGSSLMODE = 'disable' }
    foreach ($k in $vars.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $vars[$k]) }
    try {
        return (Invoke-Capture $script:Psql @('-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', $PgPort,
                '-U', $PgRole, '-d', $Database, '-tAc', $Sql))
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

# Sets the role's password from .keybox/pg-password, through the trusted local socket.
function Sync-PgPassword {
    if ($OnWindows) {
        Stop-Build "the password in $(Get-RelativePath $PgPwFile) is not accepted by the cluster; delete the cluster with './build.ps1 clean --all' and retry"
    }
    Write-Step "setting the '$PgRole' role's password from $(Get-RelativePath $PgPwFile)"
    $r = Invoke-Capture $script:Psql @('-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', $script:PgSockDir, '-p', $PgPort, '-U', $PgRole,
        '-d', 'postgres', '-c', "ALTER ROLE $PgRole PASSWORD '$($script:PgPassword)'") -AsPg -MergeStderr
    if ($r.Code -ne 0) { $r.Output | ForEach-Object { [Console]::Error.WriteLine($_) }; Stop-Build 'could not set the password' }
}

function Initialize-Database([string] $Name) {
    $r = Invoke-PsqlTcp 'postgres' "SELECT 1 FROM pg_database WHERE datname = '$Name'"
    if ($r.Code -ne 0) { Stop-Build "psql failed while looking for database $Name" }
    if (($r.Output -join '').Trim() -ne '1') {
        Write-Step "creating database $Name"
        # No double quotes in SQL: PowerShell 7.0-7.2 mangle them in native arguments.
        $r = Invoke-PsqlTcp 'postgres' "CREATE DATABASE $Name OWNER $PgRole"
        if ($r.Code -ne 0) { Stop-Build "could not create database $Name" }
    }
}

function Get-ConnectionString([string] $Database) {
    return "Host=127.0.0.1;Port=$PgPort;Database=$Database;Username=$PgRole;Password=$($script:PgPassword)"
}

# Makes sure the private cluster exists, runs and has both databases. Idempotent.
function Initialize-Pg {
    if ($PgPort -notmatch '^\d+$') { Stop-Build "KEYBOX_PG_PORT must be a number (got '$PgPort')" }
    $null = New-Item -ItemType Directory -Path $StateDir -Force
    Initialize-PgBin
    Initialize-PgOsUser
    $newPassword = Initialize-Password

    $script:PgSockDir = Get-PgSocketDir
    if ($script:PgSockDir) {
        $null = New-Item -ItemType Directory -Path $script:PgSockDir -Force
        & chmod 700 $script:PgSockDir
        Set-PgOwner $script:PgSockDir
    }

    if (-not (Test-Path -LiteralPath (Join-Path $PgData 'PG_VERSION'))) {
        Initialize-PgCluster
        $newPassword = $false
    }

    $running = Test-PgRunning
    if ((Write-PgConf) -and $running) {
        Write-Step 'settings changed; restarting PostgreSQL'
        Stop-PgServer
        $running = $false
    }
    if ($running) {
        Write-Step "PostgreSQL already running on 127.0.0.1:$PgPort ($(Get-RelativePath $PgData))"
    }
    else {
        Start-PgServer
    }

    # The password file is the source of truth; repair the role if it was lost or changed.
    if ($newPassword -or (Invoke-PsqlTcp 'postgres' 'SELECT 1').Code -ne 0) {
        Sync-PgPassword
        if ((Invoke-PsqlTcp 'postgres' 'SELECT 1').Code -ne 0) {
            Stop-Build "cannot connect to 127.0.0.1:$PgPort as $PgRole (is another server using this port? set KEYBOX_PG_PORT)"
        }
    }
    Initialize-Database $PgDbRun
    Initialize-Database $PgDbTest
}

function Stop-Pg {
    if (-not (Test-Path -LiteralPath (Join-Path $PgData 'PG_VERSION'))) {
        Write-Step "no private PostgreSQL cluster in $(Get-RelativePath $PgData); nothing to stop"
        return
    }
    if (-not (Find-PgBin)) { Stop-Build "cannot find pg_ctl to stop the cluster in $PgData" }
    if (Test-PgRunning) {
        Write-Step "stopping PostgreSQL ($(Get-RelativePath $PgData))"
        Stop-PgServer
    }
    else {
        Write-Step 'PostgreSQL is not running'
    }
}

# ----------------------------------------------------------------------------------------------------
# Initialize-Chromium: the browser of the admin console's end-to-end tests (Debian's chromium, driven by
# Playwright; Playwright's own browser download is never used). Installed when missing and allowed; under CI
# a failed install is fatal, elsewhere those tests are skipped. Sets KEYBOX_CHROMIUM when one is found.
# ----------------------------------------------------------------------------------------------------

function Get-ChromiumPath {
    foreach ($candidate in @($env:KEYBOX_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser')) {
        if ($candidate -and (Test-Path -LiteralPath $candidate -PathType Leaf)) { return $candidate }
    }
    return $null
}

function Initialize-Chromium {
    $path = Get-ChromiumPath
    if (-not $path -and (Test-MayAutoInstall)) {
        Write-Step "Chromium not found; installing Debian's chromium for the console's browser tests"
        if (-not (Invoke-AptInstall @('chromium'))) { Write-Warn 'apt-get install chromium failed' }
        $path = Get-ChromiumPath
    }
    if ($path) {
        Set-Env 'KEYBOX_CHROMIUM' $path
        Write-Step "Chromium for the console's browser tests: $path"
    }
    elseif ((Test-IsCI) -and $script:IsRootUser) {
        Stop-Build "CI: no Chromium for the console's browser tests (apt-get install chromium failed)"
    }
    else {
        Write-Step "Chromium: not found; the console's browser tests will be skipped (apt-get install chromium, or set KEYBOX_CHROMIUM)"
    }
}

# ----------------------------------------------------------------------------------------------------
# Initialize-Php: php-cli (with sodium) for the tests that run docs/offline-licensing.md's PHP verifier. Never fatal.
# ----------------------------------------------------------------------------------------------------

function Initialize-Php {
    if (-not (Get-Command php -ErrorAction SilentlyContinue) -and (Test-MayAutoInstall)) {
        Write-Step 'php not found; installing php-cli for the offline-licensing verifier tests'
        if (-not (Invoke-AptInstall @('php-cli'))) { Write-Warn 'apt-get install php-cli failed; the PHP verifier tests will be skipped' }
    }
    if (Get-Command php -ErrorAction SilentlyContinue) {
        Write-Step "PHP for the offline-licensing verifier tests: $((Get-Command php).Source)"
    }
    else {
        Write-Step 'PHP: not found; the PHP verifier tests will be skipped (apt-get install php-cli)'
    }
}

# ----------------------------------------------------------------------------------------------------
# Initialize-Redis: optional private Redis for the tests (.keybox/redis). Never fatal.
# Sets KEYBOX_REDIS_CONNECTION_STRING when a Redis is available.
# ----------------------------------------------------------------------------------------------------

function Test-RedisPing {
    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        if (-not $client.ConnectAsync('127.0.0.1', [int]$RedisPort).Wait(1000)) { return $false }
        $stream = $client.GetStream()
        $stream.ReadTimeout = 2000
        $ping = [Text.Encoding]::ASCII.GetBytes("PING`r`n")
        $stream.Write($ping, 0, $ping.Length)
        $buffer = [byte[]]::new(16)
        $n = $stream.Read($buffer, 0, $buffer.Length)
        return ([Text.Encoding]::ASCII.GetString($buffer, 0, $n) -like '+PONG*')
    }
    catch {
        return $false
    }
    finally {
        $client.Dispose()
    }
}

function Get-RedisPid {
    $pidFile = Join-Path $RedisDir 'redis.pid'
    if (-not (Test-Path -LiteralPath $pidFile)) { return $null }
    $id = (Get-Content -LiteralPath $pidFile -TotalCount 1)
    if (-not $id) { return $null }
    if (Get-Process -Id ([int]$id.Trim()) -ErrorAction SilentlyContinue) { return [int]$id.Trim() }
    return $null
}

function Initialize-Redis {
    if ($env:KEYBOX_REDIS_CONNECTION_STRING) {
        Write-Step 'Redis: using KEYBOX_REDIS_CONNECTION_STRING from the environment'
        return
    }
    if ($env:KEYBOX_REDIS -eq '0') {
        Write-Step 'Redis: disabled (KEYBOX_REDIS=0); Redis tests will be skipped'
        return
    }
    if ($OnWindows) {
        Write-Step 'Redis: not started on Windows; set KEYBOX_REDIS_CONNECTION_STRING to use one. Redis tests will be skipped'
        return
    }
    if (-not (Test-Command 'redis-server')) {
        if ($script:IsRootUser -and (Test-IsCI) -and (Test-Command 'apt-get')) {
            if (-not (Invoke-AptInstall @('redis-server'))) {
                Write-Warn 'could not install redis-server; Redis tests will be skipped'
                return
            }
        }
        if (-not (Test-Command 'redis-server')) {
            Write-Step 'Redis: redis-server not found; Redis tests will be skipped'
            return
        }
    }
    if ($RedisPort -notmatch '^\d+$') { Stop-Build "KEYBOX_REDIS_PORT must be a number (got '$RedisPort')" }
    $null = New-Item -ItemType Directory -Path $RedisDir -Force
    if ((Get-RedisPid) -and (Test-RedisPing)) {
        Write-Step "Redis already running on 127.0.0.1:$RedisPort"
    }
    elseif (Test-RedisPing) {
        Write-Warn "something else answers on 127.0.0.1:$RedisPort; set KEYBOX_REDIS_PORT. Redis tests will be skipped"
        return
    }
    else {
        Write-Step "starting Redis on 127.0.0.1:$RedisPort ($(Get-RelativePath $RedisDir))"
        $code = Invoke-Direct 'redis-server' @('--port', $RedisPort, '--bind', '127.0.0.1', '--daemonize', 'yes', '--dir', $RedisDir,
            '--pidfile', (Join-Path $RedisDir 'redis.pid'), '--logfile', (Join-Path $RedisDir 'redis.log'), '--save', '', '--appendonly', 'no')
        if ($code -ne 0) {
            Write-Warn 'redis-server failed to start; Redis tests will be skipped'
            return
        }
        $up = $false
        for ($i = 0; $i -lt 50 -and -not $up; $i++) {
            $up = Test-RedisPing
            if (-not $up) { Start-Sleep -Milliseconds 200 }
        }
        if (-not $up) {
            Write-Warn "Redis did not answer (see $(Get-RelativePath $RedisDir)/redis.log); Redis tests will be skipped"
            return
        }
    }
    Set-Env 'KEYBOX_REDIS_CONNECTION_STRING' "127.0.0.1:$RedisPort"
}

function Stop-Redis {
    $id = Get-RedisPid
    if (-not $id) {
        if (Test-Path -LiteralPath $RedisDir) { Write-Step 'Redis is not running' }
        return
    }
    Write-Step "stopping Redis (pid $id)"
    $null = Invoke-Capture 'kill' @("$id")   # SIGTERM: Redis shuts down cleanly (Stop-Process would send SIGKILL)
    for ($i = 0; $i -lt 50; $i++) {
        if (-not (Get-Process -Id $id -ErrorAction SilentlyContinue)) { return }
        Start-Sleep -Milliseconds 200
    }
    Write-Warn "Redis (pid $id) did not stop within 10 s"
}

# ----------------------------------------------------------------------------------------------------
# Test results
# ----------------------------------------------------------------------------------------------------

# Sums the <Counters .../> of TestResults/**/*.trx.
function Get-TrxCounts {
    $result = @{ Total = 0; Passed = 0; Failed = 0; Skipped = 0; Files = 0 }
    $dir = Join-Path $Root 'TestResults'
    if (-not (Test-Path -LiteralPath $dir)) { return $result }
    foreach ($file in @(Get-ChildItem -LiteralPath $dir -Recurse -File -Filter '*.trx')) {
        $result.Files++
        $counters = [regex]::Match([IO.File]::ReadAllText($file.FullName), '<Counters\b[^>]*>').Value
        $attr = {
            param($name)
            $m = [regex]::Match($counters, "\s$name=""(\d+)""")
            if ($m.Success) { [int]$m.Groups[1].Value } else { 0 }
        }
        $t = & $attr 'total'
        $p = & $attr 'passed'
        $f = (& $attr 'failed') + (& $attr 'error') + (& $attr 'timeout') + (& $attr 'aborted')
        $ne = & $attr 'notExecuted'
        if ($p + $f + $ne -ne $t) { $ne = $t - $p - $f }
        if ($ne -lt 0) { $ne = 0 }
        $result.Total += $t; $result.Passed += $p; $result.Failed += $f; $result.Skipped += $ne
    }
    return $result
}

# ----------------------------------------------------------------------------------------------------
# Targets (each returns the script's exit code)
# ----------------------------------------------------------------------------------------------------

# Sets ConnectionStrings__KeyBox unless it is already set.
function Initialize-AppConnection {
    if ($env:ConnectionStrings__KeyBox) {
        Write-Step "using ConnectionStrings__KeyBox from the environment: $(Get-MaskedConnection $env:ConnectionStrings__KeyBox)"
        return
    }
    Initialize-Pg
    Set-Env 'ConnectionStrings__KeyBox' (Get-ConnectionString $PgDbRun)
    Write-Step "ConnectionStrings__KeyBox=$(Get-MaskedConnection $env:ConnectionStrings__KeyBox)"
}

function Invoke-Run([string[]] $Arguments) {
    Initialize-Dotnet
    Assert-Solution
    Initialize-AppConnection
    Set-EnvDefault 'ASPNETCORE_ENVIRONMENT' 'Production'
    Set-EnvDefault 'Database__MigrateOnStartup' 'true'
    $appArgs = @()
    if ($env:KEYBOX_URLS) { $appArgs = @('--urls', $env:KEYBOX_URLS) }
    Write-Step "dotnet run --project $WebApiProject -c $Configuration (ASPNETCORE_ENVIRONMENT=$env:ASPNETCORE_ENVIRONMENT)"
    return (Invoke-Direct 'dotnet' (@('run', '--project', (Join-Path $Root $WebApiProject), '-c', $Configuration, '--no-launch-profile', '--') + $appArgs + $Arguments))
}

function Invoke-ApiKeys([string[]] $Arguments) {
    Initialize-Dotnet
    Assert-Solution
    Initialize-AppConnection
    Set-EnvDefault 'ASPNETCORE_ENVIRONMENT' 'Production'
    Set-EnvDefault 'Database__MigrateOnStartup' 'true'
    Write-Step "dotnet run --project $WebApiProject -c $Configuration -- api-keys $($Arguments -join ' ')"
    return (Invoke-Direct 'dotnet' (@('run', '--project', (Join-Path $Root $WebApiProject), '-c', $Configuration, '--no-launch-profile', '--', 'api-keys') + $Arguments))
}

function Invoke-Build([string[]] $Arguments) {
    Initialize-Dotnet
    Assert-Solution
    Write-Step "dotnet build $($script:Solution) -c $Configuration"
    return (Invoke-Direct 'dotnet' (@('build', (Join-Path $Root $script:Solution), '-c', $Configuration) + $Arguments))
}

# The deployable build: framework-dependent, ReadyToRun (precompiled native code: faster start-up and warm-up).
function Invoke-Publish([string[]] $Arguments) {
    Initialize-Dotnet
    Assert-Solution
    $out = if ($env:KEYBOX_PUBLISH_DIR) { $env:KEYBOX_PUBLISH_DIR } else { Join-Path $Root 'artifacts/publish' }
    $rid = (& dotnet --info | Select-String -Pattern '^\s*RID:\s*(\S+)' | Select-Object -First 1).Matches.Groups[1].Value
    if (-not $rid) { throw "could not tell this machine's runtime identifier from 'dotnet --info'" }
    Write-Step "dotnet publish $WebApiProject -c $Configuration -r $rid (ReadyToRun) -o $out"
    return (Invoke-Direct 'dotnet' (@('publish', (Join-Path $Root $WebApiProject), '-c', $Configuration, '-r', $rid, '--self-contained', 'false',
        '-p:PublishReadyToRun=true', '-o', $out, '-nologo') + $Arguments))
}

# Keep in step with scripts/openapi.sh (what ./build.sh openapi runs).
function Invoke-OpenApi([string[]] $Arguments) {
    $check = $false
    if ($Arguments.Count -gt 0) {
        if ($Arguments[0] -eq '--check') { $check = $true } else { Stop-Build "openapi: unknown option '$($Arguments[0])' (only --check)" }
    }
    Initialize-Dotnet
    $document = Join-Path $Root 'src/Client/openapi.json'
    $generated = Join-Path $Root 'src/Client/Generated'
    $outDocument = $document
    $outGenerated = $generated
    $scratch = $null
    if ($check) {
        $scratch = Join-Path ([System.IO.Path]::GetTempPath()) ('keybox-openapi-' + [guid]::NewGuid().ToString('N'))
        $outDocument = Join-Path $scratch 'openapi.json'
        $outGenerated = Join-Path $scratch 'Generated'
    }
    try {
        foreach ($tool in 'tools/OpenApiExport/KeyBox.OpenApiExport.csproj', 'tools/ClientGenerator/KeyBox.ClientGenerator.csproj') {
            Write-Step "dotnet build $tool -c $Configuration"
            $code = Invoke-Direct 'dotnet' @('build', (Join-Path $Root $tool), '-c', $Configuration, '-nologo', '-v', 'quiet')
            if ($code -ne 0) { return $code }
        }
        Write-Step "exporting the OpenAPI document -> $outDocument"
        $code = Invoke-Direct 'dotnet' @('run', '--no-build', '-c', $Configuration, '--project', (Join-Path $Root 'tools/OpenApiExport'), '--', $outDocument)
        if ($code -ne 0) { return $code }
        Write-Step "generating the C# client -> $outGenerated"
        $code = Invoke-Direct 'dotnet' @('run', '--no-build', '-c', $Configuration, '--project', (Join-Path $Root 'tools/ClientGenerator'), '--', $outDocument, $outGenerated)
        if ($code -ne 0) { return $code }

        if ($check) {
            $same = ((Get-Content -Raw -LiteralPath $document) -replace "`r`n", "`n") -eq ((Get-Content -Raw -LiteralPath $outDocument) -replace "`r`n", "`n")
            foreach ($file in Get-ChildItem -LiteralPath $outGenerated -File) {
                $checkedIn = Join-Path $generated $file.Name
                $same = $same -and (Test-Path -LiteralPath $checkedIn) -and
                    (((Get-Content -Raw -LiteralPath $checkedIn) -replace "`r`n", "`n") -eq ((Get-Content -Raw -LiteralPath $file.FullName) -replace "`r`n", "`n"))
            }
            if ($same) {
                Write-Step 'src/Client/openapi.json and src/Client/Generated/ are up to date'
                return 0
            }
            Write-Step 'the checked-in OpenAPI document or client is out of date: run ./build.ps1 openapi and commit the result'
            return 1
        }

        Write-Step "dotnet build src/Client -c $Configuration"
        $code = Invoke-Direct 'dotnet' @('build', (Join-Path $Root 'src/Client/KeyBox.Client.csproj'), '-c', $Configuration, '-nologo', '-v', 'quiet')
        if ($code -eq 0) { Write-Step 'done: commit src/Client/openapi.json and src/Client/Generated/' }
        return $code
    }
    finally {
        if ($scratch -and (Test-Path -LiteralPath $scratch)) { Remove-Item -LiteralPath $scratch -Recurse -Force }
    }
}

function Invoke-Test([string[]] $Arguments) {
    Initialize-Dotnet
    Assert-Solution
    if ($env:KEYBOX_TEST_CONNECTION_STRING) {
        Write-Step "using KEYBOX_TEST_CONNECTION_STRING from the environment: $(Get-MaskedConnection $env:KEYBOX_TEST_CONNECTION_STRING)"
    }
    else {
        Initialize-Pg
        Set-Env 'KEYBOX_TEST_CONNECTION_STRING' (Get-ConnectionString $PgDbTest)
        Write-Step "KEYBOX_TEST_CONNECTION_STRING=$(Get-MaskedConnection $env:KEYBOX_TEST_CONNECTION_STRING)"
    }
    # Whatever in the test process reads the app's own setting gets the test database, never a dev one.
    Set-Env 'ConnectionStrings__KeyBox' $env:KEYBOX_TEST_CONNECTION_STRING
    Initialize-Redis
    if ($env:KEYBOX_REDIS_CONNECTION_STRING) { Write-Step "KEYBOX_REDIS_CONNECTION_STRING=$env:KEYBOX_REDIS_CONNECTION_STRING" }
    Initialize-Chromium
    Initialize-Php

    $results = Join-Path $Root 'TestResults'
    if (Test-Path -LiteralPath $results) { Remove-Item -LiteralPath $results -Recurse -Force }
    Write-Step "dotnet test $($script:Solution) -c $Configuration --logger trx --results-directory TestResults $($Arguments -join ' ')"
    $code = Invoke-Direct 'dotnet' (@('test', (Join-Path $Root $script:Solution), '-c', $Configuration, '--logger', 'trx;LogFilePrefix=keybox',
            '--results-directory', $results) + $Arguments)

    $c = Get-TrxCounts
    if ($c.Files -eq 0) {
        Write-Step "Test summary: no TRX files in TestResults/ (dotnet test exit code $code)"
    }
    else {
        Write-Step "Test summary: $($c.Passed) passed, $($c.Failed) failed, $($c.Skipped) skipped, $($c.Total) total ($($c.Files) TRX files; dotnet test exit code $code)"
    }
    return $code
}

function Invoke-Db {
    Initialize-Pg
    Write-Step "private PostgreSQL is up on 127.0.0.1:$PgPort; password in $(Get-RelativePath $PgPwFile)"
    Write-Step "  run:  $(Get-MaskedConnection (Get-ConnectionString $PgDbRun))"
    Write-Step "  test: $(Get-MaskedConnection (Get-ConnectionString $PgDbTest))"
    # Full values as output, so that `./build.ps1 db | Invoke-Expression` configures the current session.
    Write-Output "`$env:ConnectionStrings__KeyBox = '$(Get-ConnectionString $PgDbRun)'"
    Write-Output "`$env:KEYBOX_TEST_CONNECTION_STRING = '$(Get-ConnectionString $PgDbTest)'"
    return 0
}

function Invoke-DbStop {
    Stop-Pg
    Stop-Redis
    return 0
}

function Invoke-Clean([string[]] $Arguments) {
    $all = $false
    if ($Arguments.Count -gt 0) {
        if ($Arguments[0] -eq '--all') { $all = $true } else { Stop-Build "clean: unknown option '$($Arguments[0])' (did you mean --all?)" }
    }
    Write-Step 'removing bin/ and obj/ of every project, TestResults/ and artifacts/'
    $skip = [regex]'[\\/](\.git|\.keybox|node_modules)[\\/]'
    $projects = Get-ChildItem -LiteralPath $Root -Recurse -File -Include '*.csproj', '*.fsproj', '*.vbproj' -ErrorAction SilentlyContinue |
        Where-Object { -not $skip.IsMatch($_.FullName) }
    foreach ($p in @($projects)) {
        foreach ($sub in 'bin', 'obj') {
            $d = Join-Path $p.DirectoryName $sub
            if (Test-Path -LiteralPath $d) { Remove-Item -LiteralPath $d -Recurse -Force }
        }
    }
    foreach ($d in 'TestResults', 'artifacts') {
        $path = Join-Path $Root $d
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse -Force }
    }
    if ($all) {
        $null = Invoke-DbStop
        Write-Step 'removing .keybox/ (private database, its master key, password, Redis data)'
        if (Test-Path -LiteralPath $StateDir) { Remove-Item -LiteralPath $StateDir -Recurse -Force }
    }
    else {
        Write-Step "kept .keybox/ (private database); './build.ps1 clean --all' removes it too"
    }
    return 0
}

function Invoke-Placeholder([string] $Name, [string] $ScriptPath, [string[]] $Arguments) {
    $path = Join-Path $Root $ScriptPath
    if (Test-Path -LiteralPath $path) {
        Write-Step "bash $ScriptPath $($Arguments -join ' ')"
        return (Invoke-Direct 'bash' (@($path) + $Arguments))
    }
    Write-Step "'$Name' is not available yet ($ScriptPath does not exist)"
    return 1
}

function Show-Usage {
    @"
Usage: ./build.ps1 <target> [args...]

Targets:
  run               Start the API (http://localhost:3000). Starts the private PostgreSQL first unless
                    ConnectionStrings__KeyBox is set. Extra args go to the app.
  test [args]       Run all tests against PostgreSQL (private cluster unless KEYBOX_TEST_CONNECTION_STRING
                    is set); TRX results in TestResults/. Extra args go to 'dotnet test' (e.g. --filter X).
  build [args]      dotnet build $Solution
  publish [args]    The deployable build of the API in artifacts/publish (ReadyToRun, for this machine's
                    runtime identifier); start it with: cd artifacts/publish; dotnet KeyBox.WebApi.dll
  api-keys [args]   dotnet run --project $WebApiProject -- api-keys [args] (database as for 'run')
  bench [args]      Run bench/run.sh
  openapi [--check] Regenerate src/Client/openapi.json (exported from the API without a database) and the
                    C# client in src/Client/Generated/; --check only tells whether they are up to date
  db                Start the private PostgreSQL (.keybox/pg) and print its connection strings
                    (./build.ps1 db | Invoke-Expression sets them in your session)
  db-stop           Stop the private PostgreSQL (and the private Redis, if running)
  clean [--all]     Remove bin/, obj/, TestResults/, artifacts/; --all also stops and deletes .keybox/ (incl. master.key)
  help              This text

Environment:
  KEYBOX_CONFIGURATION            Release (default) or Debug
  ConnectionStrings__KeyBox       use this database for run/api-keys instead of the private cluster
  KEYBOX_TEST_CONNECTION_STRING   use this database for tests instead of the private cluster
  KEYBOX_URLS                     passed to the app as --urls (run)
  KEYBOX_PUBLISH_DIR              output of 'publish' (default artifacts/publish)
  ASPNETCORE_ENVIRONMENT          default Production (run, api-keys)
  Database__MigrateOnStartup      default true (run, api-keys)
  KEYBOX_PG_PORT                  private PostgreSQL port (default 55432)
  KEYBOX_PG_BIN                   directory holding pg_ctl/initdb/postgres (default: PATH, then the newest
                                  /usr/lib/postgresql/*/bin or %ProgramFiles%\PostgreSQL\*\bin)
  KEYBOX_PG_START_TIMEOUT         seconds to wait for PostgreSQL to start (default 60)
  KEYBOX_AUTO_INSTALL=1           as root, apt-get install missing PostgreSQL and Chromium (always on when CI is set)
  KEYBOX_CHROMIUM                 Chromium for the console's browser tests (default /usr/bin/chromium; the
                                  tests are skipped when there is none)
  KEYBOX_REDIS=0                  do not start a private Redis for the tests
  KEYBOX_REDIS_PORT               private Redis port (default 56379)
  KEYBOX_REDIS_CONNECTION_STRING  use this Redis for tests instead of the private one
"@ | ForEach-Object { [Console]::Out.WriteLine($_) }
}

function Invoke-Target([string] $Name, [string[]] $Arguments) {
    switch ($Name) {
        'run' { return (Invoke-Run $Arguments) }
        'test' { return (Invoke-Test $Arguments) }
        'build' { return (Invoke-Build $Arguments) }
        'publish' { return (Invoke-Publish $Arguments) }
        'api-keys' { return (Invoke-ApiKeys $Arguments) }
        'bench' { return (Invoke-Placeholder 'bench' 'bench/run.sh' $Arguments) }
        'openapi' { return (Invoke-OpenApi $Arguments) }
        'db' { return (Invoke-Db) }
        'db-stop' { return (Invoke-DbStop) }
        'clean' { return (Invoke-Clean $Arguments) }
        { $_ -in 'help', '-h', '--help', '-?' } { Show-Usage; return 0 }
        default {
            [Console]::Error.WriteLine("==> ERROR: unknown target $Name`n")
            Show-Usage
            return 2
        }
    }
}

$exitCode = 1
Push-Location -LiteralPath $Root
try {
    # A target emits its exit code last; anything before it (the `db` lines) is the script's output.
    $emitted = @(Invoke-Target $Target $Rest)
    $exitCode = 0
    if ($emitted.Count -gt 0) {
        $exitCode = [int]$emitted[-1]
        if ($emitted.Count -gt 1) { $emitted[0..($emitted.Count - 2)] }
    }
}
catch {
    [Console]::Error.WriteLine("==> ERROR: $($_.Exception.Message)")
    $exitCode = 1
}
finally {
    Restore-Env
    Pop-Location
}
exit $exitCode
