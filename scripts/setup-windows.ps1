# bdg: cài đặt trên máy Windows bằng một lệnh.
# Tạo môi trường Python (.venv) trong thư mục mã nguồn, cài bdg theo constraints.txt, rồi chạy "bdg setup"
# (tạo add-in, bật trong Excel, ghi cấu hình xlwings, tạo sổ điều khiển và các tệp lệnh, kiểm tra LibreOffice).
# Chạy trong thư mục mã nguồn:
#   powershell -ExecutionPolicy Bypass -File scripts\setup-windows.ps1
# Tùy chọn: -Python "C:\duong\dan\python.exe"   -Folder "D:\bdg"   -WithoutExcel
# Tệp này lưu dạng UTF-8 có BOM để Windows PowerShell 5.1 đọc đúng tiếng Việt.
param(
    [string]$Python = "",
    [string]$Folder = "",
    [switch]$WithoutExcel
)
$ErrorActionPreference = "Continue"  # each step checks $LASTEXITCODE itself
$Root = Split-Path -Parent $PSScriptRoot

function Stop-Setup([string]$Message) {
    Write-Host "Lỗi: $Message" -ForegroundColor Red
    exit 1
}

function Get-PythonVersion([string]$Exe, [string[]]$Extra) {
    # 311 for Python 3.11; 0 when the command is missing (or is the Microsoft Store placeholder)
    try {
        $out = & $Exe @Extra -c "import sys; print(sys.version_info[0] * 100 + sys.version_info[1])" 2>$null
        if ($LASTEXITCODE -eq 0 -and "$out".Trim() -match '^\d+$') { return [int]"$out".Trim() }
    } catch { }
    return 0
}

Write-Host "== Cài đặt bdg vào $Root =="

# 1. Mã nguồn tải về (.zip) mang dấu "tải từ Internet": gỡ dấu để Windows không chặn các tệp của bdg.
Get-ChildItem -LiteralPath $Root -Recurse -File -ErrorAction SilentlyContinue |
    Where-Object { $_.FullName -notlike "*\.venv\*" -and $_.FullName -notlike "*\.git\*" } |
    Unblock-File -ErrorAction SilentlyContinue

# 2. Python 3.11 trở lên (constraints.txt ghim numpy, pandas cần 3.11): -Python, trình khởi chạy "py", hoặc "python".
if ($Python) { $Candidates = @(@{ Exe = $Python; Extra = @() }) }
else { $Candidates = @(@{ Exe = "py"; Extra = @("-3") }, @{ Exe = "python"; Extra = @() }) }
$Found = $null
foreach ($Candidate in $Candidates) {
    if ((Get-PythonVersion $Candidate.Exe $Candidate.Extra) -ge 311) { $Found = $Candidate; break }
}
if (-not $Found) {
    Stop-Setup ("Chưa có Python 3.11 trở lên. Cài từ https://www.python.org/downloads/windows/ (đánh dấu " +
                "'Add python.exe to PATH') hoặc chạy 'winget install Python.Python.3.12', rồi chạy lại lệnh này.")
}

# 3. Môi trường riêng của bdg: .venv trong thư mục mã nguồn.
$Venv = Join-Path $Root ".venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path -LiteralPath $VenvPython)) {
    Write-Host "Tạo môi trường Python: $Venv"
    $Extra = $Found.Extra
    & $Found.Exe @Extra -m venv $Venv
    if ($LASTEXITCODE -ne 0) { Stop-Setup "Không tạo được môi trường Python ($Venv)." }
}

# 4. bdg và các thư viện, đúng phiên bản đã kiểm thử (constraints.txt).
Write-Host "Cài phần mềm bdg (lần đầu mất vài phút)..."
& $VenvPython -m pip install --quiet --disable-pip-version-check -c (Join-Path $Root "constraints.txt") -e $Root
if ($LASTEXITCODE -ne 0) {
    Stop-Setup "pip không cài được bdg. Kiểm tra kết nối mạng (hoặc proxy của cơ quan) rồi chạy lại lệnh này."
}

# 5. bdg setup: add-in, cấu hình xlwings, sổ điều khiển, tệp lệnh, LibreOffice; dòng cuối là tóm tắt.
$SetupArgs = @("setup")
if ($Folder) { $SetupArgs += @("--folder", $Folder) }
if ($WithoutExcel) { $SetupArgs += "--without-excel" }
& (Join-Path $Venv "Scripts\bdg.exe") @SetupArgs
exit $LASTEXITCODE
